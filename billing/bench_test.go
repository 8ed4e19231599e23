package billing_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/quote"
)

// BenchmarkIssueInvoice issues one invoice on SQLite as an order would: the next number, the
// glyph check, the PDF drawn with that number, and the document stored with it, in one
// transaction.
//
//	go test ./billing -run '^$' -bench IssueInvoice -benchtime 500x -count 3
func BenchmarkIssueInvoice(b *testing.B) {
	font, err := quote.FindFont()
	if err != nil {
		testkit.Missing(b, "no Japanese font installed: apt-get install fonts-ipaexfont-gothic")
	}
	r, err := quote.NewRenderer(font, quote.Seller{Name: "株式会社ジェイストア", Address: "東京都港区芝公園4-2-8", RegistrationNumber: "T9234567890123"})
	require.NoError(b, err)
	st, err := sqlstore.OpenSQLite(b.Context(), filepath.Join(b.TempDir(), "billing.db"))
	require.NoError(b, err)
	b.Cleanup(func() { st.Close() })
	lines := []billing.Line{{Description: "ドメイン認証SSL 1年 www.example.jp", Quantity: 1, UnitPrice: 28800, Amount: 28800, TaxPercent: 10}}
	totals, total, err := billing.Totals(lines, billing.Down)
	require.NoError(b, err)
	now := time.Now()
	for b.Loop() {
		_, err := st.IssueDocument(b.Context(), "T9234567890123", billing.Invoice, "", func(seq int64) (billing.Document, error) {
			d := billing.Document{Kind: billing.Invoice, Number: fmt.Sprintf("INV-%06d", seq), Account: "acc", Customer: "株式会社サンプル",
				IssuedAt: now, TransactionDate: now, Lines: lines, Totals: totals, Total: total}
			if err := r.CheckDocument(d, quote.Japanese); err != nil {
				return d, err
			}
			var pdf bytes.Buffer
			if err := r.RenderDocument(&pdf, d, quote.Japanese); err != nil {
				return d, err
			}
			d.PDF, d.SHA256 = pdf.Bytes(), billing.Hash(pdf.Bytes())
			return d, nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
