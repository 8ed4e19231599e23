package billing_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/message"
)

// archiveOf issues an invoice at 10% and 8%, a credit note against it, and an invoice to a
// customer whose name a spreadsheet would run, with stand-in PDFs (the export does not draw).
func archiveOf(t *testing.T, customer string) billing.Store {
	t.Helper()
	st := memstore.New()
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, tokyo)
	issue := func(kind billing.Kind, prefix, customer string, corrects string, lines ...billing.Line) {
		totals, total, err := billing.Totals(lines, billing.Down)
		require.NoError(t, err)
		_, err = st.IssueDocument(t.Context(), seller, kind, "", func(seq int64) (billing.Document, error) {
			pdf := []byte(fmt.Sprintf("%%PDF-1.4 %s %d", kind, seq))
			at = at.Add(time.Hour)
			return billing.Document{Number: fmt.Sprintf("%s-%06d", prefix, seq), Account: "acc_1", Customer: customer, Order: "ord_1", IssuedAt: at,
				TransactionDate: at, Lines: lines, Totals: totals, Total: total, Corrects: corrects, PDF: pdf, SHA256: billing.Hash(pdf)}, nil
		})
		require.NoError(t, err)
	}
	issue(billing.Invoice, "INV", customer, "", billing.Line{Description: "SSL", Quantity: 1, UnitPrice: 9800, Amount: 9800, TaxPercent: 10},
		billing.Line{Description: "菓子", Quantity: 2, UnitPrice: 1000, Amount: 2000, TaxPercent: 8})
	issue(billing.CreditNote, "CRN", customer, "INV-000001", billing.Line{Description: "SSL", Quantity: 1, UnitPrice: -9800, Amount: -9800, TaxPercent: 10})
	issue(billing.Invoice, "INV", "=HYPERLINK(\"http://x\")", "", billing.Line{Description: "SSL", Quantity: 1, UnitPrice: 100, Amount: 100, TaxPercent: 10})
	return st
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	return rows
}

// TestWriteCSV: one row per document, oldest first, amounts per rate with a credit note's
// negative (and left a number), so each column sums to the period's; a formula neutralised;
// Shift_JIS is the same text, and a character it cannot hold names its cell.
func TestWriteCSV(t *testing.T) {
	ctx := t.Context()
	st := archiveOf(t, "株式会社サンプル")
	q := billing.Query{Seller: seller}
	var out bytes.Buffer
	n, err := billing.WriteCSV(ctx, st, q, &out, billing.ExportOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	require.True(t, bytes.HasPrefix(out.Bytes(), []byte("\ufeff")), "UTF-8 with a BOM by default")
	rows := readCSV(t, bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"種別", "番号", "発行日", "取引年月日", "取引先", "アカウント", "注文番号", "対象の書類", "10%対象（税抜）", "消費税（10%）",
		"8%対象（税抜）", "消費税（8%）", "その他の税率の対象（税抜）", "その他の税率の消費税", "合計（税込）", "SHA-256"}, rows[0])
	assert.Equal(t, []string{"請求書", "INV-000001", "2026-12-01", "2026-12-01", "株式会社サンプル", "acc_1", "ord_1", "", "9800", "980", "2000", "160", "0", "0", "12940"}, rows[1][:15])
	assert.Equal(t, []string{"返還請求書", "CRN-000001", "INV-000001", "-9800", "-980", "-10780"}, []string{rows[2][0], rows[2][1], rows[2][7], rows[2][8], rows[2][9], rows[2][14]})
	assert.Equal(t, `'=HYPERLINK("http://x")`, rows[3][4], "a formula is not run")
	sum := func(col int) (s int64) {
		for _, r := range rows[1:] {
			v, err := strconv.ParseInt(r[col], 10, 64)
			require.NoError(t, err, r[col])
			s += v
		}
		return s
	}
	assert.Equal(t, int64(12940-10780+110), sum(14), "the totals column sums to the period's")
	assert.Equal(t, int64(10), sum(9), "the 10% tax column too: 980, −980 and 10")

	var sjis bytes.Buffer
	_, err = billing.WriteCSV(ctx, st, q, &sjis, billing.ExportOptions{Encoding: jstore.ShiftJIS})
	require.NoError(t, err)
	decoded, err := japanese.ShiftJIS.NewDecoder().Bytes(sjis.Bytes())
	require.NoError(t, err)
	assert.Equal(t, rows, readCSV(t, decoded), "Shift_JIS holds the same text")

	var en bytes.Buffer
	_, err = billing.WriteCSV(ctx, st, q, &en, billing.ExportOptions{Encoding: jstore.UTF8, Lang: message.English})
	require.NoError(t, err)
	assert.Equal(t, []string{"kind", "number"}, readCSV(t, en.Bytes())[0][:2])
	assert.Equal(t, "credit note", readCSV(t, en.Bytes())[2][0])

	emoji := archiveOf(t, "サンプル😀")
	_, err = billing.WriteCSV(ctx, emoji, q, io.Discard, billing.ExportOptions{Encoding: jstore.ShiftJIS})
	var cell *jstore.CSVCellError
	require.ErrorAs(t, err, &cell)
	assert.Equal(t, 2, cell.Row)
	assert.Equal(t, "取引先", cell.Header)
	assert.Equal(t, '😀', cell.Char)
	var replaced bytes.Buffer
	_, err = billing.WriteCSV(ctx, emoji, q, &replaced, billing.ExportOptions{Encoding: jstore.ShiftJIS, Replace: true})
	require.NoError(t, err)
	decoded, err = japanese.ShiftJIS.NewDecoder().Bytes(replaced.Bytes())
	require.NoError(t, err)
	assert.Contains(t, string(decoded), "サンプル?")

	_, err = billing.WriteCSV(ctx, st, billing.Query{Seller: seller, Min: 5, HasMin: true, Max: 1, HasMax: true}, io.Discard, billing.ExportOptions{})
	assert.ErrorIs(t, err, billing.ErrInvalid, "an inverted range")
}

// tampered is an archive whose stored PDFs were changed behind its back.
type tampered struct{ billing.Store }

func (s tampered) SearchDocuments(ctx context.Context, q billing.Query) (jstore.Page[billing.Document], error) {
	page, err := s.Store.SearchDocuments(ctx, q)
	for i := range page.Items {
		page.Items[i].PDF = append(page.Items[i].PDF, ' ')
	}
	return page, err
}

// TestWriteZip: every PDF the search finds, byte for byte under kind/number.pdf, and an
// index naming each with WriteCSV's columns; a PDF that does not match its hash stops it.
func TestWriteZip(t *testing.T) {
	ctx := t.Context()
	st := archiveOf(t, "株式会社サンプル")
	var out bytes.Buffer
	n, err := billing.WriteZip(ctx, st, billing.Query{Seller: seller, Account: "acc_1", From: time.Date(2026, 12, 1, 0, 0, 0, 0, tokyo)}, &out, billing.ExportOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	z, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		files[f.Name], err = io.ReadAll(r)
		require.NoError(t, err)
	}
	assert.Equal(t, []byte("%PDF-1.4 invoice 1"), files["invoice/INV-000001.pdf"])
	assert.Equal(t, []byte("%PDF-1.4 credit_note 1"), files["credit_note/CRN-000001.pdf"])
	assert.Contains(t, files, "invoice/INV-000002.pdf")
	index := readCSV(t, bytes.TrimPrefix(files["index.csv"], []byte("\ufeff")))
	require.Len(t, index, 4)
	assert.Equal(t, "ファイル名", index[0][16])
	for _, row := range index[1:] {
		pdf, ok := files[row[16]]
		require.True(t, ok, row[16])
		assert.Equal(t, billing.Hash(pdf), row[15], "the index's hash is the file's")
	}
	assert.True(t, strings.HasPrefix(index[2][0], "返還請求書"))

	_, err = billing.WriteZip(ctx, tampered{st}, billing.Query{Seller: seller}, io.Discard, billing.ExportOptions{})
	assert.ErrorIs(t, err, billing.ErrTampered)
}
