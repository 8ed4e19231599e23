package billing_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// The tax on a qualified invoice is computed once per rate on the rate's sum, not per line:
// three lines of ¥1,999 at 10% carry ¥599 of tax, where per-line rounding would give ¥597.
func ExampleTotals() {
	lines := []billing.Line{
		{Description: "ドメイン認証SSL", Quantity: 3, UnitPrice: 1999, Amount: 5997, TaxPercent: 10},
		{Description: "焼き菓子", Quantity: 1, UnitPrice: 1080, Amount: 1080, TaxPercent: 8},
	}
	totals, total, err := billing.Totals(lines, billing.Down)
	if err != nil {
		panic(err)
	}
	for _, r := range totals {
		fmt.Printf("%d%%: %d yen + tax %d yen\n", r.TaxPercent, r.Net, r.Tax)
	}
	fmt.Println("total:", total)
	// Output:
	// 8%: 1080 yen + tax 86 yen
	// 10%: 5997 yen + tax 599 yen
	// total: 7762
}

// An archive's search exported as CSV: one row per document, a credit note's amounts negative
// so that each column sums to the period's.
func ExampleWriteCSV() {
	ctx := context.Background()
	archive := memstore.New() // or a sqlstore.Store
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	issue := func(kind billing.Kind, number, corrects string, amount int64) {
		lines := []billing.Line{{Description: "ドメイン認証SSL", Quantity: 1, UnitPrice: amount, Amount: amount, TaxPercent: 10}}
		totals, total, err := billing.Totals(lines, billing.Down)
		if err != nil {
			panic(err)
		}
		pdf := []byte("%PDF-1.4 " + number) // Biller draws the real one
		_, err = archive.IssueDocument(ctx, "T9234567890123", kind, number, func(int64) (billing.Document, error) {
			return billing.Document{Number: number, Account: "acc_1", Customer: "株式会社サンプル", IssuedAt: at, TransactionDate: at,
				Corrects: corrects, Lines: lines, Totals: totals, Total: total, PDF: pdf, SHA256: billing.Hash(pdf)}, nil
		})
		if err != nil {
			panic(err)
		}
	}
	issue(billing.Invoice, "INV-000001", "", 9800)
	issue(billing.CreditNote, "CRN-000001", "INV-000001", -9800)

	q := billing.Query{Seller: "T9234567890123", From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Account: "acc_1"}
	var out bytes.Buffer
	n, err := billing.WriteCSV(ctx, archive, q, &out, billing.ExportOptions{Encoding: jstore.UTF8, Location: time.UTC})
	if err != nil {
		panic(err)
	}
	fmt.Print(strings.ReplaceAll(out.String(), "\r\n", "\n")) // the file's lines end in CRLF
	fmt.Println(n, "documents")
	// Output:
	// 種別,番号,発行日,取引年月日,取引先,アカウント,注文番号,対象の書類,10%対象（税抜）,消費税（10%）,8%対象（税抜）,消費税（8%）,その他の税率の対象（税抜）,その他の税率の消費税,合計（税込）,SHA-256
	// 請求書,INV-000001,2026-12-01,2026-12-01,株式会社サンプル,acc_1,,,9800,980,0,0,0,0,10780,7e7f0723c1b331c7245d0d942e86faba4ae43489ff2f85eb29f2ffafb66750b9
	// 返還請求書,CRN-000001,2026-12-01,2026-12-01,株式会社サンプル,acc_1,,INV-000001,-9800,-980,0,0,0,0,-10780,8e69cabf4f4a54e4bc92c462eb04e558a09f6b165b74c08ad8ecd31ba988ef50
	// 2 documents
}
