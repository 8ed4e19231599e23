package sqlstore_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

var benchNow = time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)

// benchStores opens a SQLite store and, with JSTORE_TEST_POSTGRES_DSN set, a PostgreSQL one.
func benchStores(b *testing.B) map[string]func(b *testing.B) *sqlstore.Store {
	m := map[string]func(b *testing.B) *sqlstore.Store{"sqlite": func(b *testing.B) *sqlstore.Store { return openSQLite(b) }}
	if dsn := os.Getenv("JSTORE_TEST_POSTGRES_DSN"); dsn != "" {
		m["postgres"] = func(b *testing.B) *sqlstore.Store { return openPostgres(b, dsn) }
	}
	return m
}

func benchService(b *testing.B, st jstore.Store) *jstore.Service {
	svc, err := jstore.New(st, jstore.WithClock(func() time.Time { return benchNow }), jstore.WithPricer(flatPricer{}),
		jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}))
	require.NoError(b, err)
	return svc
}

// BenchmarkSQLDashboard reads the top page's three counters for a random account of 10,000,
// with 10,000, 100,000 or 1,000,000 certificates seeded (sqlstore.SeedCertificates, bulk
// inserts).
func BenchmarkSQLDashboard(b *testing.B) {
	for name, open := range benchStores(b) {
		for _, certs := range []int{10_000, 100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/certs=%d", name, certs), func(b *testing.B) {
				st := open(b)
				require.NoError(b, sqlstore.SeedCertificates(b.Context(), st, 10_000, certs, benchNow))
				svc := benchService(b, st)
				i := 0
				for b.Loop() {
					if _, err := svc.Dashboard(b.Context(), jstore.AccountID(fmt.Sprintf("acc%06d", i*7%10_000))); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkSQLListCertificates pages through one account's 10,000 certificates, 1,000 a page.
func BenchmarkSQLListCertificates(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			require.NoError(b, sqlstore.SeedCertificates(b.Context(), st, 1, 10_000, benchNow))
			svc := benchService(b, st)
			for b.Loop() {
				opts := jstore.ListOptions{Limit: jstore.MaxPageLimit}
				n := 0
				for {
					page, err := svc.ListCertificates(b.Context(), "acc000000", opts)
					if err != nil {
						b.Fatal(err)
					}
					n += len(page.Items)
					if page.Next == "" {
						break
					}
					opts.Cursor = page.Next
				}
				if n != 10_000 {
					b.Fatal(n)
				}
			}
		})
	}
}

// BenchmarkSQLCompleteOrder orders a cart of ten registered applications.
func BenchmarkSQLCompleteOrder(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			svc := benchService(b, st)
			ctx := b.Context()
			acct, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: "bench", Password: "correct horse 1",
				Customer: jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田 太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
			require.NoError(b, err)
			csr := testkit.CSR(b, nil, "www.example.jp")
			for b.Loop() {
				b.StopTimer()
				ids := make([]jstore.ApplicationID, 10)
				for i := range ids {
					app, err := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
					require.NoError(b, err)
					_, err = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: csr})
					require.NoError(b, err)
					_, err = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
					require.NoError(b, err)
					ids[i] = app.ID
				}
				b.StartTimer()
				if _, err := svc.CompleteOrder(ctx, acct.ID, ids); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchDocuments searches a billing archive of 1,000,000 invoices on PostgreSQL, as
// 電子帳簿保存法 asks: one customer's invoices in a month, and every invoice of one day, each the
// first page of 50; and a customer's newest 50, as the panel's 請求書 lists them.
//
//	go test ./jstore/sqlstore -run '^$' -bench SearchDocuments -benchtime 200x -count 3
func BenchmarkSearchDocuments(b *testing.B) {
	dsn := os.Getenv("JSTORE_TEST_POSTGRES_DSN")
	if dsn == "" {
		testkit.Missing(b, "set JSTORE_TEST_POSTGRES_DSN to benchmark the archive on PostgreSQL")
	}
	st := openPostgres(b, dsn)
	ctx := b.Context()
	require.NoError(b, sqlstore.SeedDocuments(ctx, st, "T1", 10_000, 1_000_000, benchNow))
	_, err := st.DB().ExecContext(ctx, "ANALYZE billing_documents")
	require.NoError(b, err)
	month := billing.Query{Seller: "T1", Account: "acc004242", From: benchNow.AddDate(0, 3, 0), To: benchNow.AddDate(0, 4, 0)}
	day := billing.Query{Seller: "T1", From: benchNow.AddDate(0, 6, 0), To: benchNow.AddDate(0, 6, 1)}
	newest := billing.Query{Seller: "T1", Account: "acc004242", Newest: true}
	for name, q := range map[string]billing.Query{"customer-month": month, "day": day, "customer-newest": newest} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				page, err := st.SearchDocuments(ctx, q)
				if err != nil || len(page.Items) == 0 {
					b.Fatal(err, len(page.Items))
				}
			}
		})
	}
}
