package jstore_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// BenchmarkValidationAsked measures the wall time from a DNS validation step waiting — the
// order just placed by CompleteOrder — to the CA asked to validate: the TXT record published in
// a real Knot DNS by RFC 2136, seen at the zone's authoritative server, found by the preflight
// with the CAA records checked. It reports the DNS queries each validation made.
//
//	go test ./jstore -run '^$' -bench ValidationAsked -benchtime 50x -count 5
func BenchmarkValidationAsked(b *testing.B) {
	r := newKnotRigB(b)
	counter := testkit.CountQueries(b, r.knot.Addr)
	res := testkit.Resolver(counter.Addr)
	provider, err := newProvider(r.knot)
	require.NoError(b, err)
	pub, err := dcv.NewDNS(provider, dcv.DNSConfig{Resolver: counter.Addr, NameserverPort: counter.Port, Poll: 10 * time.Millisecond})
	require.NoError(b, err)
	svc := r.service(b, jstore.WithPublishers(pub), jstore.WithDCVResolver(res), jstore.WithPlacementLease(time.Hour))
	ctx := b.Context()
	acct := r.f.account(b, "bench")
	b.ResetTimer()
	start := counter.Queries()
	for i := range b.N {
		b.StopTimer()
		app := registeredApp(b, r.f, svc, acct, dv1, fmt.Sprintf("h%d.example.jp", i))
		b.StartTimer()
		_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
		require.NoError(b, err)
		for app.ValidationAsked.IsZero() {
			time.Sleep(100 * time.Microsecond)
			app, err = svc.GetApplication(ctx, acct, app.ID)
			require.NoError(b, err)
		}
	}
	b.ReportMetric(float64(counter.Queries()-start)/float64(b.N), "dns-queries/op")
}
