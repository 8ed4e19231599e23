package ca_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// BenchmarkGet compares the client with a raw net/http request on the same simulator route,
// both decoding the answer into the same struct. The issue's target: client ≤ 1.10× raw.
func BenchmarkGet(b *testing.B) {
	srv, c := testkit.Simulator(b, catest.WithAutoApprove())
	id, err := c.Certificates.Create(b.Context(), ca.CreateRequest{Contact: contact, CSR: csrFor(b, nil, "bench.example.jp"), Period: 1, ProductType: ca.ProductDVSSL})
	if err != nil {
		b.Fatal(err)
	}
	key, secret := srv.Credentials()
	b.Run("raw", func(b *testing.B) {
		hc := srv.HTTPClient()
		url := srv.URL() + "/v1/certificates/" + id
		for b.Loop() {
			req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "sso-key "+key+":"+secret)
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(resp.StatusCode, err)
			}
			var out ca.Certificate
			if err := json.Unmarshal(body, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("client", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.Certificates.Get(b.Context(), id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkIssue measures the simulator's issuance: each operation is one create that is
// validated at once and signed (an RSA-2048 leaf), over the wire from parallel clients.
func BenchmarkIssue(b *testing.B) {
	srv, _ := testkit.Simulator(b, catest.WithAutoApprove())
	key, secret := srv.Credentials()
	body, err := json.Marshal(ca.CreateRequest{Contact: contact, CSR: csrFor(b, nil, "issue.example.jp"), Period: 1, ProductType: ca.ProductDVSSL})
	if err != nil {
		b.Fatal(err)
	}
	hc := srv.HTTPClient()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, err := http.NewRequest(http.MethodPost, srv.URL()+"/v1/certificates", bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			req.Header.Set("Authorization", "sso-key "+key+":"+secret)
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusAccepted {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "certs/s")
}

// BenchmarkOverheadNoNetwork isolates the client's own cost (resty, retries bookkeeping,
// decoding) from the network: both sides get the same canned answer from a RoundTripper.
func BenchmarkOverheadNoNetwork(b *testing.B) {
	body := `{"certificateId":"x","commonName":"bench.example.jp","contact":{"email":"a@b.jp","nameFirst":"a","nameLast":"b","phone":"1"},"createdAt":"2026-11-20T01:02:03Z","period":1,"productType":"DV_SSL","status":"ISSUED"}`
	hc := &http.Client{Transport: canned{body}}
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, "https://api.test/v1/certificates/x", nil)
			req.Header.Set("Authorization", "sso-key k:s")
			req.Header.Set("Accept", "application/json")
			resp, _ := hc.Do(req)
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var out ca.Certificate
			_ = json.Unmarshal(data, &out)
		}
	})
	c, _ := ca.NewClient("k", "s", ca.WithBaseURL("https://api.test"), ca.WithHTTPClient(hc), ca.WithoutRateLimit())
	b.Run("client", func(b *testing.B) {
		for b.Loop() {
			_, _ = c.Certificates.Get(b.Context(), "x")
		}
	})
}

// canned answers every request with a fixed 200 body.
type canned struct{ body string }

func (c canned) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(c.body)), Request: r}, nil
}
