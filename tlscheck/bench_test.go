package tlscheck_test

import (
	"testing"
	"time"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/tlscheck"
)

// BenchmarkCheckAll verifies 1,000 names served on loopback, 16 at once: one op is the whole
// pass (each check a TCP connection and a full TLS handshake).
//
//	go test ./tlscheck -run '^$' -bench CheckAll -benchtime 5x -count 3
func BenchmarkCheckAll(b *testing.B) {
	is := testkit.NewIssuer(b)
	leaf, leafPEM, keyPEM := is.Leaf(b, 1, time.Now().AddDate(0, 3, 0), site)
	addr := serve(b, pair(b, leafPEM, keyPEM, is.PEM))
	targets := make([]tlscheck.Target, 1000)
	for i := range targets {
		targets[i] = tlscheck.Target{Name: site, Addr: addr}
	}
	c := &tlscheck.Checker{Concurrency: 16}
	for b.Loop() {
		for _, r := range c.CheckAll(b.Context(), targets, tlscheck.Want{Leaf: leaf, Roots: is.Pool()}) {
			if !r.OK() {
				b.Fatal(r.Problems)
			}
		}
	}
}
