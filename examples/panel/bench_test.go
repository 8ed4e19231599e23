package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// BenchmarkPages measures the server's side of each page a customer loads, for an account with
// 5,000 certificates on SQLite, some 660 of them renewable: the certificate list (its first
// page of 100), the top page, 証明書申請 (the products and the first 100 renewable), the cart,
// 見積取得, アカウント情報, お問い合わせ and a certificate's page. The handler is called
// directly, so the network is left out.
//
// Each reports its 99th percentile too (p99-ms).
//
//	go test ./examples/panel -run '^$' -bench 'Pages$' -benchtime 1000x -count 3
func BenchmarkPages(b *testing.B) {
	p := newTestPanel(b)
	acct, err := p.app.svc.Authenticate(b.Context(), demoLogin, demoPassword)
	require.NoError(b, err)
	now := p.clk.Now()
	require.NoError(b, p.app.store.Update(b.Context(), func(tx jstore.Tx) error {
		for i := range 5000 {
			end := now.AddDate(0, 0, 30+i%365)
			c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt_bench%04d", i)), Account: acct.ID, Status: jstore.CertIssued,
				CommonName: fmt.Sprintf("www%04d.example.jp", i), NotBefore: now, NotAfter: end, SubscriptionEnd: end, CreatedAt: now}
			if err := tx.CreateCertificate(b.Context(), &c); err != nil {
				return err
			}
		}
		return nil
	}))
	visitor := p.visitor(b)
	visitor.login(demoLogin, demoPassword)
	cookies := visitor.c.Jar.Cookies(mustURL(b, p.srv.URL))
	require.Len(b, cookies, 1)
	h := p.app.routes()
	for _, path := range []string{"/certificates", "/", "/apply", "/cart", "/quote", "/account", "/inquiries", "/certificates/crt_bench0000"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.AddCookie(cookies[0])
			var took []time.Duration
			for b.Loop() {
				began := time.Now()
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				took = append(took, time.Since(began))
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
				p.clk.Advance(time.Second) // keep the session alive as a browsing customer does
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkTopPageOverHTTP is the top page served over loopback HTTP to a logged-in customer
// by many clients at once, the load generator on the same machine: its requests per second
// are the panel's throughput (reported as req/s).
//
//	go test ./examples/panel -run '^$' -bench TopPageOverHTTP -benchtime 5000x -count 3
func BenchmarkTopPageOverHTTP(b *testing.B) {
	p := newTestPanel(b)
	visitor := p.visitor(b)
	visitor.login(demoLogin, demoPassword)
	cookies := visitor.c.Jar.Cookies(mustURL(b, p.srv.URL))
	require.Len(b, cookies, 1)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.SetParallelism(8)
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, p.srv.URL+"/", nil)
			req.AddCookie(cookies[0])
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "req/s")
}
