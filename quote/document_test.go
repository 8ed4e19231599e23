package quote_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/quote"
)

// invoice is a qualified invoice with a 10% and an 8% line, as billing.Totals adds it up.
func invoice(t *testing.T) billing.Document {
	lines := []billing.Line{
		{Description: "ドメイン認証SSL 1年 www.example.jp", Quantity: 1, UnitPrice: 28800, Amount: 28800, TaxPercent: 10},
		{Description: "お茶（打ち合わせ用）", Quantity: 2, UnitPrice: 150, Amount: 300, TaxPercent: 8},
	}
	totals, total, err := billing.Totals(lines, billing.Down)
	require.NoError(t, err)
	tokyo := time.FixedZone("JST", 9*3600)
	return billing.Document{Kind: billing.Invoice, Number: "INV-000042", Customer: "株式会社サンプル",
		IssuedAt: time.Date(2026, 12, 5, 10, 0, 0, 0, tokyo), TransactionDate: time.Date(2026, 12, 1, 0, 0, 0, 0, tokyo),
		Lines: lines, Totals: totals, Total: total, Note: "お支払期限：2026年12月31日（銀行振込）"}
}

// TestInvoiceCarriesEveryItem: read back from the PDF, the invoice carries every item a
// qualified invoice (適格請求書) must: the issuer's name and registration number, the date of
// the transaction, what was sold with the reduced-rate line marked, the amount and the tax at
// each rate, and the addressee — and its number, issue date, total and payment terms.
func TestInvoiceCarriesEveryItem(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	d := invoice(t)
	var pdf bytes.Buffer
	require.NoError(t, r.RenderDocument(&pdf, d, quote.Japanese))
	text := testkit.PDFText(t, pdf.Bytes())
	for item, want := range map[string]string{
		"title":                      "請求書",
		"issuer":                     "株式会社ジェイストア",
		"registration number":        "登録番号 T9234567890123",
		"transaction date":           "取引年月日",
		"the date":                   "2026年12月1日",
		"issue date":                 "2026年12月5日",
		"number":                     "INV-000042",
		"what was sold":              "ドメイン認証SSL 1年 www.example.jp",
		"the reduced-rate line":      "お茶（打ち合わせ用） ※",
		"the reduced-rate legend":    "※は軽減税率の対象です。",
		"the amount at 10%":          "10%対象（税抜）",
		"the tax at 10%":             "消費税（10%）",
		"the amount at 8%":           "8%対象（税抜）",
		"the tax at 8%":              "消費税（8%）",
		"the addressee":              "株式会社サンプル 御中",
		"the total":                  "¥32,004",
		"the payment terms":          "お支払期限：2026年12月31日（銀行振込）",
		"the 10% amount's figure":    "¥28,800",
		"the 10% tax, once per rate": "¥2,880",
		"the 8% tax, once per rate":  "¥24",
	} {
		assert.Contains(t, text, want, item)
	}
}

// TestCreditNote: a credit note names the invoice it returns part of and the amount returned
// with its tax, in Japanese and English.
func TestCreditNote(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	lines := []billing.Line{{Description: "ドメイン認証SSL 1年 www.example.jp", Quantity: 1, UnitPrice: -28800, Amount: -28800, TaxPercent: 10}}
	totals, total, err := billing.Totals(lines, billing.Down)
	require.NoError(t, err)
	d := billing.Document{Kind: billing.CreditNote, Number: "CRN-000001", Customer: "株式会社サンプル", Corrects: "INV-000042",
		IssuedAt: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), TransactionDate: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
		Lines: lines, Totals: totals, Total: total}
	var ja, en bytes.Buffer
	require.NoError(t, r.RenderDocument(&ja, d, quote.Japanese))
	require.NoError(t, r.RenderDocument(&en, d, quote.English))
	jaText, enText := testkit.PDFText(t, ja.Bytes()), testkit.PDFText(t, en.Bytes())
	for _, want := range []string{"返還請求書", "返還の対象となる請求書：INV-000042", "返還年月日", "−¥28,800", "−¥2,880", "−¥31,680"} {
		assert.Contains(t, jaText, want)
	}
	for _, want := range []string{"CREDIT NOTE", "Invoice credited: INV-000042", "Consumption tax (10%)", "−¥31,680"} {
		assert.Contains(t, enText, want)
	}
}

// TestDocumentGlyphs: a character no font draws is refused by CheckDocument before a number
// is taken, and by RenderDocument; an unknown kind is refused.
func TestDocumentGlyphs(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	d := invoice(t)
	d.Customer = "株式会社\U0001F600"
	var ge *quote.GlyphError
	require.ErrorAs(t, r.CheckDocument(d, quote.Japanese), &ge)
	assert.True(t, strings.ContainsRune(string(ge.Missing), '\U0001F600'))
	assert.ErrorAs(t, r.RenderDocument(&bytes.Buffer{}, d, quote.Japanese), &ge)
	d = invoice(t)
	d.Kind = "order"
	assert.Error(t, r.CheckDocument(d, quote.Japanese))
	assert.NoError(t, r.CheckDocument(invoice(t), quote.English))
}
