package jstore

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Billing hooks. The Service does not draw invoices itself: it notes, in the transaction that
// makes one owed, that a billing document is due (a [BillDue]), and hands each due bill to the
// panel's [Biller] — billing.Biller issues 請求書 and 返還請求書 — right after that transaction
// commits. A bill the Biller could not issue (a crash, a failure) stays due until SettleBills
// (which Sync calls) issues it.

// BillingBasis is the event an invoice's transaction date (取引年月日) is the date of.
type BillingBasis string

// Bases.
const (
	// BillOnOrder: one invoice per order when it is completed (renewal orders too), dated the
	// order's day; a paid line refunded later (voided or cancelled) has a credit note.
	BillOnOrder BillingBasis = "order"
	// BillOnIssuance: one invoice per certificate ordered, when the CA issues it, dated that
	// day. A line refunded before it is issued was never billed and needs no credit note.
	BillOnIssuance BillingBasis = "issuance"
)

// BillKind is what a due bill is.
type BillKind string

// Bill kinds.
const (
	BillInvoice BillKind = "invoice"
	BillCredit  BillKind = "credit" // a refund of one order line
)

// BillDue is a billing document owed. Key names it uniquely — what the document is for: the
// order's ID for an order's invoice (BillOnOrder), "order/application" for a certificate's
// (BillOnIssuance), "order/application/refund" for a credit note — and is the source the Biller
// issues it under, so issuing it twice makes one document.
type BillDue struct {
	Key         string
	Kind        BillKind
	Basis       BillingBasis
	Account     AccountID
	Order       OrderID
	Application ApplicationID // the line billed or refunded; "" for the whole order
	// At is the transaction's instant: the order's, the issuance's or the refund's.
	At time.Time
}

// Bill is a due bill with what the Biller needs to issue it: the customer and the lines (the
// whole order's, or the one line billed or refunded, at the order's amounts before tax). For
// a credit note, Invoice is the Key of the invoice it corrects.
type Bill struct {
	BillDue
	Customer   CustomerInfo
	Lines      []BillLine
	TaxPercent int
	Invoice    string
}

// BillLine is one line of a bill.
type BillLine struct {
	Application ApplicationID
	Product     Product
	Kind        ApplicationKind
	Term        int
	SANSlots    int
	CommonName  string
	Amount      int64 // before tax
}

// Biller issues the documents bills call for. Bill must be idempotent per b.Key: the Service
// may hand it the same bill again after a crash, or two processes at once.
type Biller interface {
	Bill(ctx context.Context, b Bill) error
}

// BillingQueue is optional, on a Store's Tx: the bills due, noted beside the change that makes
// them due. memstore and sqlstore have it; storetest checks it.
type BillingQueue interface {
	// NoteBillDue stores d unless a bill with its Key is due already.
	NoteBillDue(ctx context.Context, d BillDue) error
	// GetBillDue returns the bill due under key, or ErrNotFound.
	GetBillDue(ctx context.Context, key string) (BillDue, error)
	// ListBillsDue lists up to limit bills due across accounts, by At, then Key.
	ListBillsDue(ctx context.Context, limit int) ([]BillDue, error)
	// DoneBill removes the bill due under key; removing none changes nothing.
	DoneBill(ctx context.Context, key string) error
}

// ErrNoBillingStore is the error of billing on a store whose transactions are not
// BillingQueues.
var ErrNoBillingStore = errors.New("jstore: the store keeps no bills due (jstore.BillingQueue)")

// WithBiller makes the Service bill orders through b on basis: BillOnOrder or BillOnIssuance.
// Free reissues are never billed. The store must be a BillingQueue (memstore and sqlstore are).
func WithBiller(b Biller, basis BillingBasis) Option {
	return func(s *settings) error {
		if b == nil {
			return errors.New("jstore: WithBiller: nil biller")
		}
		if basis != BillOnOrder && basis != BillOnIssuance {
			return fmt.Errorf("jstore: WithBiller: basis %q is neither %q nor %q", basis, BillOnOrder, BillOnIssuance)
		}
		s.ful.biller, s.ful.basis = b, basis
		return nil
	}
}

// Keys of bills: what each document is for; none ("") without an order.
func invoiceKey(o OrderID) string { return string(o) }

func lineKey(o OrderID, a ApplicationID) string {
	if o == "" {
		return ""
	}
	return string(o) + "/" + string(a)
}

func refundKey(o OrderID, a ApplicationID) string {
	if o == "" {
		return ""
	}
	return string(o) + "/" + string(a) + "/refund"
}
