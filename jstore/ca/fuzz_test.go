package ca_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// statusBody answers with a fuzzed status and body.
type statusBody struct {
	status int
	body   string
}

func (s statusBody) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: s.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(s.body)), Request: r}, nil
}

// FuzzResponse feeds any status and body to the decoders of an object, a list, a polymorphic
// list and an error: each call gives a result or a *ca.Error, never a panic.
func FuzzResponse(f *testing.F) {
	for _, seed := range []string{"", "{}", "[]", `{"certificateId":"x","status":"ISSUED"}`, `{"code":"X","fields":[{"path":"csr"}],"retryAfterSec":-1}`, `[{"id":1}]`, `{"id":"1"}`, "null", `{"pagination":{"next":"//evil.example/x"},"certificates":[{}]}`} {
		for _, st := range []int{200, 202, 204, 301, 404, 429, 503} {
			f.Add(st, seed)
		}
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 100 || status > 999 {
			return
		}
		c, err := ca.NewClient("k", "s", ca.WithBaseURL("https://api.test"), ca.WithoutRateLimit(),
			ca.WithHTTPClient(&http.Client{Transport: statusBody{status, body}}), ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		check := func(err error) {
			var e *ca.Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("not a *ca.Error: %v", err)
			}
		}
		_, err = c.Certificates.Get(t.Context(), "x")
		check(err)
		_, err = c.Emails.History(t.Context(), "x")
		check(err)
		_, err = c.Certificates.Create(t.Context(), ca.CreateRequest{})
		check(err)
		for _, err := range c.Customers.All(t.Context(), "c", ca.ListOptions{}) {
			check(err)
		}
	})
}
