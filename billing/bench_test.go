package billing_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/message"
)

// BenchmarkIssueInvoice issues one order's invoice on SQLite as the Service's hook does
// (Biller.Bill): the glyph check, the next number, the PDF drawn with that number, and the
// document stored with it, in one transaction.
//
//	go test ./billing -run '^$' -bench IssueInvoice -benchtime 500x -count 3
func BenchmarkIssueInvoice(b *testing.B) {
	r := renderer(b)
	st, err := sqlstore.OpenSQLite(b.Context(), filepath.Join(b.TempDir(), "billing.db"))
	require.NoError(b, err)
	b.Cleanup(func() { st.Close() })
	biller, err := billing.NewBiller(billing.Config{Store: st, Seller: seller, Drawers: map[message.Lang]billing.Drawer{message.Japanese: r.Drawer(message.Japanese)},
		PaymentTerms: message.Text{JA: "お支払期限：発行月の翌月末日", EN: "Payment due by the end of the following month"}})
	require.NoError(b, err)
	bill := jstore.Bill{BillDue: jstore.BillDue{Kind: jstore.BillInvoice, Basis: jstore.BillOnOrder, Account: "acc", Order: "ord", At: time.Now()},
		Customer: jstore.CustomerInfo{Company: "株式会社サンプル"}, TaxPercent: 10,
		Lines: []jstore.BillLine{{Product: jstore.Product{NameJA: "ドメイン認証SSL"}, Kind: jstore.AppNew, Term: 1, CommonName: "www.example.jp", Amount: 28800}}}
	i := 0
	for b.Loop() {
		i++
		bill.Key = fmt.Sprintf("ord_%d", i)
		if err := biller.Bill(b.Context(), bill); err != nil {
			b.Fatal(err)
		}
	}
}
