package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
)

// invoiceFor builds an invoice of total yen for account, issued at.
func invoiceFor(account jstore.AccountID, customer string, at time.Time, total int64) func(seq int64) (billing.Document, error) {
	return func(seq int64) (billing.Document, error) {
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 invoice %d", seq))
		return billing.Document{Number: fmt.Sprintf("INV-%06d", seq), Account: account, Customer: customer, IssuedAt: at, TransactionDate: at,
			Lines: []billing.Line{{Description: "DV SSL", Quantity: 1, UnitPrice: total, Amount: total, TaxPercent: 10}}, Total: total,
			PDF: pdf, SHA256: billing.Hash(pdf)}, nil
	}
}

var errDrawing = errors.New("a character no font draws")

// testIssueOnce: a document is issued once per seller, kind and source, also when 8 issuers
// race for the same source; the others get it back, nothing else built or numbered.
func testIssueOnce(t *testing.T, s billing.Store, seller string, account jstore.AccountID) {
	ctx := t.Context()
	_, err := s.FindDocument(ctx, seller, billing.Invoice, "ord_1")
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	var mu sync.Mutex
	ids := map[string]int{}
	var group sync.WaitGroup
	for range 8 {
		group.Go(func() {
			d, err := s.IssueDocument(ctx, seller, billing.Invoice, "ord_1", invoiceFor(account, "一度", t0, 1100))
			assert.NoError(t, err)
			mu.Lock()
			ids[d.ID]++
			mu.Unlock()
		})
	}
	group.Wait()
	require.Len(t, ids, 1, "one document for one source")
	found, err := s.FindDocument(ctx, seller, billing.Invoice, "ord_1")
	require.NoError(t, err)
	assert.Equal(t, int64(1), found.Seq)
	assert.Equal(t, "ord_1", found.Source)
	_, err = s.FindDocument(ctx, seller, billing.CreditNote, "ord_1")
	assert.ErrorIs(t, err, jstore.ErrNotFound, "a source is per kind")
	next, err := s.IssueDocument(ctx, seller, billing.Invoice, "ord_2", invoiceFor(account, "一度", t0, 1100))
	require.NoError(t, err)
	assert.Equal(t, int64(2), next.Seq, "the repeats took no number")
	credit, err := s.IssueDocument(ctx, seller, billing.CreditNote, "ord_1", invoiceFor(account, "一度", t0, -1100))
	require.NoError(t, err)
	assert.Equal(t, int64(1), credit.Seq, "the same source in another kind is another document")
}

// testBilling: each seller and kind numbers from 1 with neither gaps nor repeats, also when a
// build fails (the number is not taken) and when 16 issuers race; documents come back whole,
// scoped by account (staff see every one); a search combines the issue date, the total, the
// account and the customer's name, pages without skipping or repeating, and refuses an
// inverted range.
func testBilling(t *testing.T, st jstore.Store) {
	ctx := t.Context()
	s := st.(billing.Store)
	seller := id("T")
	a, b := jstore.AccountID(id("acc")), jstore.AccountID(id("acc"))
	issue := func(kind billing.Kind, build func(int64) (billing.Document, error)) billing.Document {
		d, err := s.IssueDocument(ctx, seller, kind, "", build)
		require.NoError(t, err)
		return d
	}
	first := issue(billing.Invoice, invoiceFor(a, "株式会社サンプル", t0, 11000))
	assert.Equal(t, int64(1), first.Seq)
	assert.Equal(t, "INV-000001", first.Number)
	_, err := s.IssueDocument(ctx, seller, billing.Invoice, "", func(int64) (billing.Document, error) { return billing.Document{}, errDrawing })
	assert.ErrorIs(t, err, errDrawing)
	second := issue(billing.Invoice, invoiceFor(b, "Example KK", t0.Add(24*time.Hour), 55000))
	assert.Equal(t, int64(2), second.Seq, "the failed document took no number")
	credit := issue(billing.CreditNote, func(seq int64) (billing.Document, error) {
		d, err := invoiceFor(a, "株式会社サンプル", t0.Add(48*time.Hour), -11000)(seq)
		d.Corrects = first.Number
		return d, err
	})
	assert.Equal(t, int64(1), credit.Seq, "credit notes have a series of their own")
	issue(billing.Invoice, invoiceFor(a, "x", t0.Add(time.Minute), 1)) // a minute after the first, so a search lists it second

	got, err := s.GetDocument(ctx, a, first.ID)
	require.NoError(t, err)
	assert.Equal(t, first, got, "whole, PDF and hash included")
	assert.NoError(t, got.Verify())
	_, err = s.GetDocument(ctx, b, first.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's document")
	for _, withPDF := range []bool{false, true} {
		page, err := s.SearchDocuments(ctx, billing.Query{Seller: seller, Account: a, PDF: withPDF, ListOptions: jstore.ListOptions{Limit: 1}})
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		listed, want := page.Items[0], first
		if !withPDF {
			want.PDF = nil
		}
		assert.Equal(t, want, listed, "the PDF only when asked for: %v", withPDF)
	}
	_, err = s.GetDocument(ctx, "", first.ID)
	assert.NoError(t, err, "staff see every account's")

	// 16 issuers at once, every third build failing: 1..n, each once.
	var wg sync.Mutex
	var seqs []int64
	var group sync.WaitGroup
	for i := range 16 {
		group.Go(func() {
			build := invoiceFor(a, "並行", t0.Add(72*time.Hour), int64(1000+i))
			if i%3 == 0 {
				build = func(int64) (billing.Document, error) { return billing.Document{}, errDrawing }
			}
			d, err := s.IssueDocument(ctx, seller+"-race", billing.Invoice, "", build)
			if i%3 == 0 {
				assert.ErrorIs(t, err, errDrawing)
				return
			}
			assert.NoError(t, err)
			wg.Lock()
			seqs = append(seqs, d.Seq)
			wg.Unlock()
		})
	}
	group.Wait()
	slices.Sort(seqs)
	want := make([]int64, len(seqs))
	for i := range want {
		want[i] = int64(i + 1)
	}
	assert.Equal(t, want, seqs, "gap-free and unique under concurrent issuers")

	testIssueOnce(t, s, seller+"-once", a)

	// Documents issued at one instant list in the order stored, either way.
	tie := t0.Add(96 * time.Hour)
	first2, err := s.IssueDocument(ctx, seller+"-tie", billing.Invoice, "", invoiceFor(b, "同時", tie, 1))
	require.NoError(t, err)
	credit2, err := s.IssueDocument(ctx, seller+"-tie", billing.CreditNote, "", invoiceFor(b, "同時", tie, -1))
	require.NoError(t, err)
	for _, newest := range []bool{false, true} {
		page, err := s.SearchDocuments(ctx, billing.Query{Seller: seller + "-tie", Newest: newest})
		require.NoError(t, err)
		want := []string{first2.ID, credit2.ID}
		if newest {
			want = []string{credit2.ID, first2.ID}
		}
		var got []string
		for _, d := range page.Items {
			got = append(got, d.ID)
		}
		assert.Equal(t, want, got, "newest first: %v", newest)
	}

	search := func(q billing.Query) []string {
		q.Seller = seller
		var numbers []string
		for range 10 {
			page, err := s.SearchDocuments(ctx, q)
			require.NoError(t, err)
			for _, d := range page.Items {
				numbers = append(numbers, string(d.Kind)+" "+d.Number)
			}
			if page.Next == "" {
				return numbers
			}
			q.Cursor = page.Next
		}
		t.Fatal("the pages do not end")
		return nil
	}
	assert.Equal(t, []string{"invoice INV-000001", "invoice INV-000003", "invoice INV-000002", "credit_note INV-000001"}, search(billing.Query{}), "oldest first")
	assert.Equal(t, []string{"invoice INV-000001", "invoice INV-000003"}, search(billing.Query{From: t0, To: t0.Add(time.Hour), ListOptions: jstore.ListOptions{Limit: 1}}), "a day, a page at a time")
	assert.Equal(t, []string{"credit_note INV-000001", "invoice INV-000002", "invoice INV-000003", "invoice INV-000001"},
		search(billing.Query{Newest: true, ListOptions: jstore.ListOptions{Limit: 1}}), "newest first, a page at a time")
	assert.Equal(t, []string{"credit_note INV-000001", "invoice INV-000003", "invoice INV-000001"}, search(billing.Query{Account: a, Newest: true}))
	assert.Equal(t, []string{"invoice INV-000002"}, search(billing.Query{Min: 50000, HasMin: true}))
	assert.Equal(t, []string{"invoice INV-000001", "invoice INV-000003", "credit_note INV-000001"}, search(billing.Query{Account: a}))
	assert.Equal(t, []string{"invoice INV-000001", "credit_note INV-000001"}, search(billing.Query{Customer: "株式会社"}))
	assert.Equal(t, []string{"credit_note INV-000001"}, search(billing.Query{Kind: billing.CreditNote, Max: 0, HasMax: true, Account: a, From: t0.Add(time.Hour)}), "combined")
	for name, q := range map[string]billing.Query{
		"dates":   {Seller: seller, From: t0.Add(time.Hour), To: t0},
		"amounts": {Seller: seller, Min: 10, HasMin: true, Max: 5, HasMax: true},
		"seller":  {},
	} {
		_, err := s.SearchDocuments(ctx, q)
		assert.ErrorIs(t, err, billing.ErrInvalid, name)
	}
}
