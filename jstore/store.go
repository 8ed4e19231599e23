package jstore

import (
	"context"
	"strconv"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// Store is the storage seam. A backend runs each transaction with all-or-nothing effect and
// serialisable isolation, and is safe for concurrent use.
//
// Contract, checked by [github.com/jstore-sdk/sdk/jstore/storetest.Run]:
//   - Every method that takes an AccountID answers only with that account's records: a record
//     that is missing or belongs to another account is ErrNotFound, and writes to it change
//     nothing.
//   - Create assigns Version 1. Update and Delete succeed only when the record's Version equals
//     the stored one, and then store Version+1; otherwise ErrConflict.
//   - A transaction whose function returns an error, or whose context is cancelled, leaves no
//     trace.
//   - Lists page in creation order by an opaque cursor, and neither skip nor repeat records while
//     others are inserted.
//   - Counters are answered from indexes kept on write, not by scanning.
//   - Every method returns ctx.Err() once ctx is done.
type Store interface {
	// Update runs fn in a read-write transaction. A backend may run fn again when its database
	// could not serialise the transaction, so fn must start from scratch each time: it may set
	// variables it captures, never add to them.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// View runs fn in a read-only transaction; writes through tx fail.
	View(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is one transaction. It must not be used after the function it was passed to returns. It
// is the record interfaces together; each states its own contract, and the Store's contract
// above holds for every method.
type Tx interface {
	Accounts
	Applications
	Orders
	Certificates
	Events
	Inquiries
	QuoteNumbers
}

// Accounts stores accounts. Login IDs are unique and looked up by [LoginKey].
type Accounts interface {
	// CreateAccount fails with ErrExists if the ID is taken or another account's login ID has
	// the same [LoginKey].
	CreateAccount(ctx context.Context, a *Account) error
	GetAccount(ctx context.Context, id AccountID) (Account, error)
	// GetAccountByLogin is the only unscoped account read: it serves authentication, and finds
	// the account whose login ID has the same [LoginKey] as loginID.
	GetAccountByLogin(ctx context.Context, loginID string) (Account, error)
	// UpdateAccount fails with ErrExists if the new login ID's [LoginKey] is another account's.
	UpdateAccount(ctx context.Context, a *Account) error
}

// Applications stores applications, scoped by account, with the indexes the cart counter and
// fulfilment read.
type Applications interface {
	// CreateApplication fails with ErrNotFound when the account does not exist.
	CreateApplication(ctx context.Context, a *Application) error
	GetApplication(ctx context.Context, account AccountID, id ApplicationID) (Application, error)
	UpdateApplication(ctx context.Context, a *Application) error
	DeleteApplication(ctx context.Context, account AccountID, id ApplicationID, version int64) error
	ListApplications(ctx context.Context, account AccountID, opts ListOptions) (Page[Application], error)
	// CountOpenApplications counts the account's cart items (new or renewal applications in
	// StatusProductSelected or StatusInfoRegistered: [Application.InCart]).
	CountOpenApplications(ctx context.Context, account AccountID) (int, error)
	// ListOpenApplications pages the account's cart items in creation order, from an index:
	// its cost follows the cart, not the account's history.
	ListOpenApplications(ctx context.Context, account AccountID, opts ListOptions) (Page[Application], error)
	// ListOrderedApplications pages, across accounts and in creation order, the applications in
	// StatusOrdered: those the CA has yet to answer. It serves Sync.
	ListOrderedApplications(ctx context.Context, opts ListOptions) (Page[Application], error)
	// FindApplicationByCAOrder returns the new application that placed the CA's order id,
	// across accounts, or ErrNotFound. Renewals and reissues carry their certificate's order ID
	// too, but are not found by it.
	FindApplicationByCAOrder(ctx context.Context, id CAOrderID) (Application, error)
}

// Orders stores orders; they are never changed.
type Orders interface {
	CreateOrder(ctx context.Context, o *Order) error
	GetOrder(ctx context.Context, account AccountID, id OrderID) (Order, error)
	ListOrders(ctx context.Context, account AccountID, opts ListOptions) (Page[Order], error)
}

// Certificates stores certificate lineages, with the indexes the dashboard and Sync read.
type Certificates interface {
	CreateCertificate(ctx context.Context, c *Certificate) error
	GetCertificate(ctx context.Context, account AccountID, id CertificateID) (Certificate, error)
	UpdateCertificate(ctx context.Context, c *Certificate) error
	ListCertificates(ctx context.Context, account AccountID, opts ListOptions) (Page[Certificate], error)
	// CountRenewable counts the account's certificates that are issued, unlocked, not
	// replaced, and whose SubscriptionEnd lies in [from, to).
	CountRenewable(ctx context.Context, account AccountID, from, to time.Time) (int, error)
	// CountReissuesDue counts the account's certificates whose ReissueDue is at or before at.
	CountReissuesDue(ctx context.Context, account AccountID, at time.Time) (int, error)
	// ListReissuesDue returns, across accounts, up to limit certificates (0 means 50, the most
	// is 1000) whose ReissueDue is at or before at, soonest first. It serves Sync.
	ListReissuesDue(ctx context.Context, at time.Time, limit int) ([]Certificate, error)
}

// Events is the append-only history.
type Events interface {
	// AppendEvent assigns e.Seq, which increases with every append. Events are never changed
	// or removed.
	AppendEvent(ctx context.Context, e *Event) error
	// ListEvents lists the account's events, only those of one certificate when cert is set.
	ListEvents(ctx context.Context, account AccountID, cert CertificateID, opts ListOptions) (Page[Event], error)
}

// Inquiries stores revocation inquiries.
type Inquiries interface {
	CreateInquiry(ctx context.Context, q *Inquiry) error
	GetInquiry(ctx context.Context, account AccountID, id InquiryID) (Inquiry, error)
	UpdateInquiry(ctx context.Context, q *Inquiry) error
	ListInquiries(ctx context.Context, account AccountID, opts ListOptions) (Page[Inquiry], error)
	// ListAllInquiries and GetInquiryByID serve staff, across accounts; filter by status when set.
	ListAllInquiries(ctx context.Context, status InquiryStatus, opts ListOptions) (Page[Inquiry], error)
	GetInquiryByID(ctx context.Context, id InquiryID) (Inquiry, error)
}

// QuoteNumbers numbers quotes: per calendar day (its date, as YYYY-MM-DD), 1, 2, 3… without
// a gap or a repeat, even under concurrent transactions; a rolled-back transaction gives its
// number back.
type QuoteNumbers interface {
	NextQuoteNumber(ctx context.Context, day string) (int64, error)
}

// ApplicationBatcher is an optional capability of a Tx: several applications of one account
// read or written in one round trip to the database. CompleteOrder uses it when the Tx has it;
// otherwise it calls GetApplication and UpdateApplication once per application.
type ApplicationBatcher interface {
	// GetApplications returns the account's applications with ids, in the order of ids (which
	// holds no repeat). ErrNotFound when any is missing or another account's.
	GetApplications(ctx context.Context, account AccountID, ids []ApplicationID) ([]Application, error)
	// UpdateApplications writes each application as UpdateApplication would, setting each
	// one's Version: all of them or, with ErrConflict (a stale version) or ErrNotFound, none,
	// and then the transaction can only be rolled back.
	UpdateApplications(ctx context.Context, apps []Application) error
}

// Leaser is an optional capability of a Store shared by several processes: it hands a piece of
// work (a key such as "sync:app_1") to one owner at a time. A lease lasts until now+ttl or until
// its owner releases it; an expired lease may be taken by anyone. Sync uses it when the Store
// has it, so that several processes share the polling without asking the CA twice.
type Leaser interface {
	// Lease grants key to owner and reports true, unless another owner holds an unexpired
	// lease on it. The owner may renew its own lease.
	Lease(ctx context.Context, key, owner string, now time.Time, ttl time.Duration) (bool, error)
	// Release ends owner's lease on key; releasing what one does not hold changes nothing.
	Release(ctx context.Context, key, owner string) error
}

// DueLister is optional, on a Store's Tx: a store that indexes ordered applications by
// SyncDue lists those due at or before at, in order of SyncDue then ID, starting after the
// application after (the zero Application: from the start), up to limit. Sync then reads what
// is due instead of every order. storetest checks it when a store has it.
type DueLister interface {
	ListDueApplications(ctx context.Context, at time.Time, after Application, limit int) ([]Application, error)
}

// ListOptions pages a list. Limit 0 means 50; the most is 1000.
type ListOptions struct {
	Cursor string
	Limit  int
}

// Page is one page of a list; Next is empty on the last page.
type Page[T any] struct {
	Items []T
	Next  string
}

// Page limits.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 1000
)

// SeqCursor reads a cursor holding a creation sequence number, the form memstore and sqlstore
// use ("" is the start), or returns the page_cursor problem. Backends call it so that all of
// them agree.
func (o ListOptions) SeqCursor() (int64, error) {
	if o.Cursor == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(o.Cursor, 10, 64)
	if err != nil || n < 0 {
		return 0, invalid("page_cursor", "cursor")
	}
	return n, nil
}

// EffectiveLimit returns the page size opts asks for, or an error for a negative or too large
// limit. Backends call it so that all of them agree.
func (o ListOptions) EffectiveLimit() (int, error) {
	switch {
	case o.Limit == 0:
		return DefaultPageLimit, nil
	case o.Limit < 0 || o.Limit > MaxPageLimit:
		return 0, invalid("page_limit", "limit", arg("min", count(1, message.NoUnit)), arg("max", count(MaxPageLimit, message.NoUnit)))
	}
	return o.Limit, nil
}

// AlertOutbox is optional, on a Store's Tx: it keeps alerts (WithNotifiers) beside the causes
// that raise them, one open alert per account and key, indexed by DeliveryDue. storetest
// checks it when a store has it.
type AlertOutbox interface {
	// OpenAlert stores a unless an open alert has its Account and Key, and reports whether it
	// did; a.ID and a.Key must be set.
	OpenAlert(ctx context.Context, a *Alert) (bool, error)
	// GetOpenAlert returns the open alert of account and key, or ErrNotFound.
	GetOpenAlert(ctx context.Context, account AccountID, key string) (Alert, error)
	// GetAlert returns the account's alert id, or ErrNotFound.
	GetAlert(ctx context.Context, account AccountID, id AlertID) (Alert, error)
	// UpdateAlert replaces the alert whose Version is a.Version (ErrConflict otherwise); a
	// cleared alert no longer holds its key.
	UpdateAlert(ctx context.Context, a *Alert) error
	// ListAlertsDue lists alerts across accounts whose DeliveryDue is at or before at, the
	// earliest first, up to limit.
	ListAlertsDue(ctx context.Context, at time.Time, limit int) ([]Alert, error)
	// ListAlerts lists the account's alerts in the order raised ("" lists the panel's own).
	ListAlerts(ctx context.Context, account AccountID, opts ListOptions) (Page[Alert], error)
}

// RenewableLister is optional, on a Store's Tx: the account's certificates counted by
// CountRenewable — issued, unlocked, not replaced — whose subscription ends in [from, to),
// soonest first (ties by ID), starting after the certificate whose end and ID are after (the
// zero values: from the start), up to limit, read from the same index. memstore and sqlstore
// have it; storetest checks it.
type RenewableLister interface {
	ListRenewable(ctx context.Context, account AccountID, from, to time.Time, afterEnd time.Time, afterID CertificateID, limit int) ([]Certificate, error)
}
