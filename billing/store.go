package billing

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// Store keeps the archive. memstore and sqlstore implement it; storetest checks it.
type Store interface {
	// IssueDocument takes the next number of seller's series for kind and stores the document
	// build makes with it, in one transaction: when build fails, or storing does, the number
	// is not taken, so the series has neither gaps nor repeats, also with several processes.
	// build gets the number (1 for the first) and returns the document, which the store keeps
	// as it is, with its Seller, Kind, Source and Seq set to the series' and its ID to a new
	// one.
	//
	// source names what the document is for (an order's invoice, a refund's credit note): when
	// the series already holds a document with that non-empty source, IssueDocument returns it
	// and builds nothing, so issuing again after a crash or by a second process never makes a
	// second document for one sale.
	IssueDocument(ctx context.Context, seller string, kind Kind, source string, build func(seq int64) (Document, error)) (Document, error)
	// FindDocument returns the document of seller's series for kind issued for source, or
	// jstore.ErrNotFound.
	FindDocument(ctx context.Context, seller string, kind Kind, source string) (Document, error)
	// GetDocument returns the account's document id ("" for staff, who see every account's),
	// or jstore.ErrNotFound.
	GetDocument(ctx context.Context, account jstore.AccountID, id string) (Document, error)
	// SearchDocuments lists the documents q matches, oldest first (newest first with
	// q.Newest), those issued at one instant in the order stored (their IDs' order: see
	// DocumentID), a page at a time; documents issued meanwhile neither shift nor repeat the
	// pages.
	SearchDocuments(ctx context.Context, q Query) (jstore.Page[Document], error)
}

// Query is a search of the archive. The conditions combine; a zero value leaves its dimension
// open. 電子帳簿保存法 asks for the date, the amount and the counterparty.
type Query struct {
	Seller  string
	Kind    Kind             // "" for every kind
	From    time.Time        // issued at or after
	To      time.Time        // issued before
	Min     int64            // total at least (with HasMin)
	Max     int64            // total at most (with HasMax)
	HasMin  bool             //
	HasMax  bool             //
	Account jstore.AccountID // the customer's account; "" for every account
	// Customer matches the addressee's name from its start (株式会社サンプル matches 株式会社).
	Customer string
	// Newest lists the newest first; the default is the oldest first.
	Newest bool
	// PDF brings each document's PDF along (an export of the files); a list, which shows what
	// the documents say, leaves them in the archive — a page of 50 invoices is some 2 MB.
	PDF bool
	jstore.ListOptions
}

// Check refuses an inverted range or a page that cannot be.
func (q Query) Check() error {
	switch {
	case q.Seller == "":
		return &Error{Code: "seller_missing"}
	case !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To), q.HasMin && q.HasMax && q.Min > q.Max:
		return &Error{Code: "range_inverted"}
	case q.Limit < 0 || q.Limit > jstore.MaxPageLimit:
		return &Error{Code: "page_limit"}
	}
	return nil
}
