package memstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
)

var _ billing.Store = (*Store)(nil)

// billingState is the archive, under its own lock.
type billingState struct {
	mu     sync.Mutex
	series map[seriesKey]int64
	docs   []billing.Document // in the order issued
	source map[sourceKey]int  // a document's position in docs, by what it was issued for
}

type sourceKey struct {
	seriesKey
	source string
}

type seriesKey struct {
	seller string
	kind   billing.Kind
}

// IssueDocument implements billing.Store: the lock is held while build runs, so the number it
// gets is taken only when the document is kept.
func (s *Store) IssueDocument(ctx context.Context, seller string, kind billing.Kind, source string, build func(seq int64) (billing.Document, error)) (billing.Document, error) {
	if err := ctx.Err(); err != nil {
		return billing.Document{}, err
	}
	if seller == "" || kind == "" {
		return billing.Document{}, missingKey("billing series")
	}
	b := &s.billing
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.series == nil {
		b.series, b.source = map[seriesKey]int64{}, map[sourceKey]int{}
	}
	sk := sourceKey{seriesKey{seller, kind}, source}
	if i, ok := b.source[sk]; ok && source != "" {
		return cloneDocument(b.docs[i]), nil
	}
	next := b.series[seriesKey{seller, kind}] + 1
	d, err := build(next)
	if err != nil {
		return billing.Document{}, err
	}
	if err := ctx.Err(); err != nil {
		return billing.Document{}, err
	}
	d.ID, d.Seller, d.Kind, d.Source, d.Seq = billing.DocumentID(int64(len(b.docs))+1), seller, kind, source, next
	if source != "" {
		b.source[sk] = len(b.docs)
	}
	b.docs = append(b.docs, cloneDocument(d))
	b.series[seriesKey{seller, kind}] = next
	return d, nil
}

// GetDocument implements billing.Store.
func (s *Store) GetDocument(ctx context.Context, account jstore.AccountID, id string) (billing.Document, error) {
	if err := ctx.Err(); err != nil {
		return billing.Document{}, err
	}
	s.billing.mu.Lock()
	defer s.billing.mu.Unlock()
	for _, d := range s.billing.docs {
		if d.ID == id && (account == "" || d.Account == account) {
			return cloneDocument(d), nil
		}
	}
	return billing.Document{}, jstore.ErrNotFound
}

// FindDocument implements billing.Store.
func (s *Store) FindDocument(ctx context.Context, seller string, kind billing.Kind, source string) (billing.Document, error) {
	if err := ctx.Err(); err != nil {
		return billing.Document{}, err
	}
	b := &s.billing
	b.mu.Lock()
	defer b.mu.Unlock()
	if i, ok := b.source[sourceKey{seriesKey{seller, kind}, source}]; ok && source != "" {
		return cloneDocument(b.docs[i]), nil
	}
	return billing.Document{}, jstore.ErrNotFound
}

// SearchDocuments implements billing.Store; its cursor is the last document's issue time and
// ID, as sqlstore's.
func (s *Store) SearchDocuments(ctx context.Context, q billing.Query) (jstore.Page[billing.Document], error) {
	var page jstore.Page[billing.Document]
	if err := ctx.Err(); err != nil {
		return page, err
	}
	if err := q.Check(); err != nil {
		return page, err
	}
	limit, err := q.EffectiveLimit()
	if err != nil {
		return page, err
	}
	var after billing.Document
	if q.Cursor != "" {
		ns, id, ok := strings.Cut(q.Cursor, ".")
		n, err := strconv.ParseInt(ns, 10, 64)
		if !ok || err != nil {
			return page, &billing.Error{Code: "page_cursor"}
		}
		after = billing.Document{ID: id, IssuedAt: time.Unix(0, n)}
	}
	order := func(a, b billing.Document) int {
		c := cmp.Or(a.IssuedAt.Compare(b.IssuedAt), strings.Compare(a.ID, b.ID))
		if q.Newest {
			return -c
		}
		return c
	}
	s.billing.mu.Lock()
	defer s.billing.mu.Unlock()
	var found []billing.Document
	for _, d := range s.billing.docs {
		if matches(q, d) && (q.Cursor == "" || order(d, after) > 0) {
			found = append(found, d)
		}
	}
	slices.SortFunc(found, order)
	for i, d := range found {
		if i == limit {
			last := page.Items[limit-1]
			page.Next = strconv.FormatInt(last.IssuedAt.UnixNano(), 10) + "." + last.ID
			break
		}
		if !q.PDF {
			d.PDF = nil // before the copy: a list copies no PDF
		}
		page.Items = append(page.Items, cloneDocument(d))
	}
	return page, nil
}

// matches reports whether d meets every condition of q.
func matches(q billing.Query, d billing.Document) bool {
	return d.Seller == q.Seller && (q.Kind == "" || d.Kind == q.Kind) &&
		(q.From.IsZero() || !d.IssuedAt.Before(q.From)) && (q.To.IsZero() || d.IssuedAt.Before(q.To)) &&
		(!q.HasMin || d.Total >= q.Min) && (!q.HasMax || d.Total <= q.Max) &&
		(q.Account == "" || d.Account == q.Account) && strings.HasPrefix(d.Customer, q.Customer)
}

func cloneDocument(d billing.Document) billing.Document {
	d.Lines, d.Totals, d.PDF = slices.Clone(d.Lines), slices.Clone(d.Totals), slices.Clone(d.PDF)
	return d
}
