package jstore_test

import (
	"fmt"
	"io"
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
	base := f.clock.Now().Add(-365 * 24 * time.Hour)
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

// BenchmarkCart reads the cart of an account with 5 items among many applications it has had;
// the cost follows the cart, not the history.
func BenchmarkCart(b *testing.B) {
	for _, apps := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("apps=%d", apps), func(b *testing.B) {
			f := newFixture(b)
			acct := jstore.AccountID("acc-cart")
			ctx := b.Context()
			require.NoError(b, f.store.Update(ctx, func(tx jstore.Tx) error {
				a := jstore.Account{ID: acct, LoginID: "cart"}
				if err := tx.CreateAccount(ctx, &a); err != nil {
					return err
				}
				for i := range apps {
					status := jstore.StatusIssued
					if i%(apps/5) == 0 {
						status = jstore.StatusInfoRegistered
					}
					app := jstore.Application{ID: jstore.ApplicationID(fmt.Sprintf("app%08d", i)), Account: acct, Kind: jstore.AppNew, Status: status, ProductCode: "DV_SSL", Term: 1}
					if err := tx.CreateApplication(ctx, &app); err != nil {
						return err
					}
				}
				return nil
			}))
			runtime.GC()
			b.ReportAllocs()
			for b.Loop() {
				cart, err := f.svc.Cart(ctx, acct)
				if err != nil || len(cart.Items) != 5 {
					b.Fatal(len(cart.Items), err)
				}
			}
		})
	}
}

// BenchmarkCertificateWrite updates one certificate of an account that holds n, moving it in
// the renewable and reissue-due indexes; the cost grows with log n.
func BenchmarkCertificateWrite(b *testing.B) {
	for _, certs := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("certs=%d", certs), func(b *testing.B) {
			f := newFixture(b)
			ids := seedAccounts(b, f, 1, certs)
			runtime.GC()
			ctx := b.Context()
			var c jstore.Certificate
			require.NoError(b, f.store.View(ctx, func(tx jstore.Tx) error {
				var err error
				c, err = tx.GetCertificate(ctx, ids[0], "crt00000007")
				return err
			}))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.SubscriptionEnd = c.SubscriptionEnd.Add(time.Duration(i%7-3) * 24 * time.Hour)
				if err := f.store.Update(ctx, func(tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &c) }); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkExportCSV writes one account's certificates as CSV to io.Discard; it reports rows a
// second, the bytes allocated per row and the heap retained once the export is over (it pages,
// so what it allocates is garbage by the next page whatever the row count).
func BenchmarkExportCSV(b *testing.B) {
	for _, certs := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", certs), func(b *testing.B) {
			f := newFixture(b)
			ctx := b.Context()
			acct := jstore.AccountID("acc-csv")
			require.NoError(b, f.store.Update(ctx, func(tx jstore.Tx) error {
				a := jstore.Account{ID: acct, LoginID: "csv"}
				if err := tx.CreateAccount(ctx, &a); err != nil {
					return err
				}
				o := jstore.Order{ID: "ord-1", Account: acct, Lines: []jstore.OrderLine{{Application: "app-1", Term: 1, Amount: 9800}}, Subtotal: 9800, Tax: 980, Total: 10780}
				return tx.CreateOrder(ctx, &o)
			}))
			base := f.clock.Now()
			for start := 0; start < certs; start += 10_000 {
				require.NoError(b, f.store.Update(ctx, func(tx jstore.Tx) error {
					for i := start; i < min(start+10_000, certs); i++ {
						c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt%08d", i)), Account: acct, Status: jstore.CertIssued,
							ProductCode: "DV_SSL", CommonName: "www.example.jp", SerialHex: "0a1b2c3d4e5f", Application: "app-1", Order: "ord-1",
							Organization: jstore.Organization{Name: "株式会社サンプル"}, DCV: jstore.DCVDNS, Root: jstore.RootStarfield, Issuer: "Starfield Secure Certificate Authority - G2",
							NotBefore: base, NotAfter: base.Add(199 * 24 * time.Hour), SubscriptionEnd: base.AddDate(1, 0, 0)}
						if err := tx.CreateCertificate(ctx, &c); err != nil {
							return err
						}
					}
					return nil
				}))
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			baseline := m.HeapAlloc
			b.ReportAllocs()
			rows := 0
			start := time.Now()
			for b.Loop() {
				n, err := f.svc.ExportCSV(ctx, acct, io.Discard, jstore.CSVOptions{})
				if err != nil || n != certs {
					b.Fatal(n, err)
				}
				rows += n
			}
			elapsed := time.Since(start)
			runtime.GC()
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
			b.ReportMetric(float64(int64(m.HeapAlloc)-int64(baseline))/(1<<20), "retained-MiB")
		})
	}
}
