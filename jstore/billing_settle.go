package jstore

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
)

// billOn notes the bill e makes due, in e's transaction: an order's invoice (BillOnOrder), a
// certificate's (BillOnIssuance), or the credit note of a paid line refunded (BillOnOrder; on
// issuance, a refunded line was never billed).
func (s *Service) billOn(ctx context.Context, tx Tx, e Event) error {
	if s.ful.biller == nil || e.Order == "" {
		return nil
	}
	d := BillDue{Basis: s.ful.basis, Account: e.Account, Order: e.Order, At: e.At}
	refund, _ := strconv.ParseInt(e.Detail["refund"], 10, 64)
	switch order := s.ful.basis == BillOnOrder; {
	case order && e.Type == EventOrderCompleted:
		d.Key, d.Kind = invoiceKey(e.Order), BillInvoice
	case order && (e.Type == EventOrderLineVoided || e.Type == EventApplicationCancelled) && refund > 0:
		d.Key, d.Kind, d.Application = refundKey(e.Order, e.Application), BillCredit, e.Application
	case !order && (e.Type == EventCertificateIssued || e.Type == EventCertificateRenewed):
		d.Key, d.Kind, d.Application = lineKey(e.Order, e.Application), BillInvoice, e.Application
	default:
		return nil
	}
	q, ok := tx.(BillingQueue)
	if !ok {
		return ErrNoBillingStore
	}
	return q.NoteBillDue(ctx, d)
}

// billNow settles the bill key right after the transaction that noted it, when the Service
// bills on basis. A failure is logged, not returned: what the customer did has been done, and
// the bill stays due for SettleBills. No key ("": no order) is nothing to bill.
func (s *Service) billNow(ctx context.Context, basis BillingBasis, key string) {
	if s.ful.biller == nil || s.ful.basis != basis || key == "" {
		return
	}
	if err := s.settleBill(ctx, key); err != nil {
		s.ful.log.LogAttrs(ctx, slog.LevelWarn, "bill not issued; it stays due", slog.String("bill", key), slog.String("error", err.Error()))
	}
}

// maxBillsPerPass bounds the bills one SettleBills call issues.
const maxBillsPerPass = 200

// SettleBills issues, through the Biller (WithBiller), the bills still due — those a crash or
// a failure left behind — oldest first (an invoice before the credit notes that correct it),
// at most 200 a call. It returns how many it issued and what failed; a failed bill stays due.
// Sync calls it on every pass; a panel without a CA calls it on a schedule of its own.
func (s *Service) SettleBills(ctx context.Context) (int, error) {
	if s.ful.biller == nil {
		return 0, nil
	}
	var due []BillDue
	err := s.store.View(ctx, func(tx Tx) error {
		q, ok := tx.(BillingQueue)
		if !ok {
			return ErrNoBillingStore
		}
		var err error
		due, err = q.ListBillsDue(ctx, maxBillsPerPass)
		return err
	})
	if err != nil {
		return 0, err
	}
	var n int
	var errs []error
	for _, d := range due {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if err := s.settleBill(ctx, d.Key); err != nil {
			errs = append(errs, &BillError{Bill: d, Err: err})
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// BillError is a bill SettleBills could not issue.
type BillError struct {
	Bill BillDue
	Err  error
}

func (e *BillError) Error() string { return "jstore: bill " + e.Bill.Key + ": " + e.Err.Error() }
func (e *BillError) Unwrap() error { return e.Err }

// settleBill hands the bill due under key to the Biller and, once it is issued, removes it. A
// bill no longer due was settled meanwhile.
func (s *Service) settleBill(ctx context.Context, key string) error {
	var b Bill
	var due bool
	err := s.store.View(ctx, func(tx Tx) error {
		q, ok := tx.(BillingQueue)
		if !ok {
			return ErrNoBillingStore
		}
		d, err := q.GetBillDue(ctx, key)
		if due = err == nil; errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		b, err = s.bill(ctx, tx, d)
		return err
	})
	if err != nil || !due {
		return err
	}
	if err := s.ful.biller.Bill(ctx, b); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error { return tx.(BillingQueue).DoneBill(ctx, key) })
}

// bill gathers what the Biller needs for d: the customer, the order's tax rate and the lines
// billed, with each one's product.
func (s *Service) bill(ctx context.Context, tx Tx, d BillDue) (Bill, error) {
	acct, err := tx.GetAccount(ctx, d.Account)
	if err != nil {
		return Bill{}, err
	}
	o, err := tx.GetOrder(ctx, d.Account, d.Order)
	if err != nil {
		return Bill{}, err
	}
	b := Bill{BillDue: d, Customer: acct.Customer, TaxPercent: o.TaxPercent}
	if d.Kind == BillCredit {
		b.Invoice = invoiceKey(d.Order)
	}
	for _, l := range o.Lines {
		if d.Application != "" && l.Application != d.Application {
			continue
		}
		p, ok := s.catalogue.Lookup(l.ProductCode)
		if !ok {
			p = Product{Code: l.ProductCode, NameJA: l.ProductCode, NameEN: l.ProductCode}
		}
		b.Lines = append(b.Lines, BillLine{Application: l.Application, Product: p, Kind: l.Kind, Term: l.Term, SANSlots: l.SANSlots,
			CommonName: l.CommonName, Amount: l.Amount})
	}
	if len(b.Lines) == 0 {
		return Bill{}, errors.New("jstore: bill " + d.Key + ": the order has no such line")
	}
	return b, nil
}

// settleInSync is Sync's part of SettleBills: what it issued, and each bill that failed as an
// issue of the pass. Only a store that cannot list bills ends the pass.
func (s *Service) settleInSync(ctx context.Context, rep *SyncReport) error {
	n, err := s.SettleBills(ctx)
	rep.Billed += n
	var failed interface{ Unwrap() []error }
	if !errors.As(err, &failed) {
		return err
	}
	for _, e := range failed.Unwrap() {
		var be *BillError
		if !errors.As(e, &be) {
			return err
		}
		rep.Failed++
		if len(rep.Issues) < maxSyncIssues {
			rep.Issues = append(rep.Issues, SyncIssue{Account: be.Bill.Account, Application: be.Bill.Application, Step: StepBill, Err: be})
		}
	}
	return nil
}
