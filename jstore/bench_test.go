package jstore_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// seedAccounts stores accounts and certs certificates spread over them, with subscription ends
// spread over two years around the fixture's clock, so about an eighth are renewable.
func seedAccounts(b *testing.B, f *fixture, accounts, certs int) []jstore.AccountID {
	b.Helper()
	ctx := b.Context()
	ids := make([]jstore.AccountID, accounts)
	require.NoError(b, f.store.Update(ctx, func(tx jstore.Tx) error {
		for i := range ids {
			ids[i] = jstore.AccountID(fmt.Sprintf("acc%06d", i))
			a := jstore.Account{ID: ids[i], LoginID: string(ids[i])}
			if err := tx.CreateAccount(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	}))
	base := f.clock.now().Add(-365 * 24 * time.Hour)
	const batch = 10000
	for start := 0; start < certs; start += batch {
		require.NoError(b, f.store.Update(ctx, func(tx jstore.Tx) error {
			for i := start; i < min(start+batch, certs); i++ {
				c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt%08d", i)), Account: ids[i%accounts], Status: jstore.CertIssued,
					SubscriptionEnd: base.Add(time.Duration(i*7919%730) * 24 * time.Hour)}
				if err := tx.CreateCertificate(ctx, &c); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	return ids
}

// BenchmarkDashboard measures the top page's counters; compare the sizes with benchstat to see
// that they do not scan.
func BenchmarkDashboard(b *testing.B) {
	for _, certs := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("certs=%d", certs), func(b *testing.B) {
			f := newFixture(b)
			ids := seedAccounts(b, f, 1000, certs)
			runtime.GC() // collect the seeding's garbage before timing starts
			ctx := b.Context()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := f.svc.Dashboard(ctx, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
