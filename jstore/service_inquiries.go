package jstore

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jstore-sdk/sdk/message"
)

// RequestRevocation files a revocation inquiry (失効のお問い合わせ) for staff to act on; the
// portal never revokes on the customer's word alone.
func (s *Service) RequestRevocation(ctx context.Context, account AccountID, cert CertificateID, reason RevocationReason, body string) (Inquiry, error) {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	var ps problems
	if !reason.valid() {
		ps.add("reason_invalid", "reason")
	}
	if !utf8.ValidString(body) || strings.ContainsFunc(body, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }) {
		ps.add("control_character", "message", arg("field", fieldName("message")))
	} else if utf8.RuneCountInString(body) > maxInquiryMessage {
		ps.add("too_long", "message", arg("field", fieldName("message")), arg("max", count(maxInquiryMessage, message.Characters)))
	}
	if err := ps.err(); err != nil {
		return Inquiry{}, err
	}
	now := s.now().UTC()
	q := Inquiry{ID: InquiryID(newID("inq_")), Account: account, Certificate: cert, Reason: reason, Message: body, Status: InquiryOpen, CreatedAt: now}
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := s.manageable(ctx, tx, account, cert); err != nil {
			return err
		}
		if err := tx.CreateInquiry(ctx, &q); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventRevocationRequested, Certificate: cert, Inquiry: q.ID, Detail: map[string]string{"reason": string(reason)}})
	})
	if err != nil {
		return Inquiry{}, err
	}
	return q, nil
}

// ListInquiries pages the account's own inquiries.
func (s *Service) ListInquiries(ctx context.Context, account AccountID, opts ListOptions) (Page[Inquiry], error) {
	var p Page[Inquiry]
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ListInquiries(ctx, account, opts)
		return err
	})
	return p, err
}

// Staff is the staff side of the portal: it acts across accounts, so a panel must hand it only
// to its operators.
type Staff struct{ s *Service }

// Staff returns the staff operations.
func (s *Service) Staff() Staff { return Staff{s} }

// SetContract links an account to its negotiated price contract (相対での仕切り); the Pricer
// then prices its orders at it. An empty ref returns the account to list prices.
func (st Staff) SetContract(ctx context.Context, account AccountID, ref string) error {
	var ps problems
	ps.text("contract", ref, 64, false)
	if err := ps.err(); err != nil {
		return err
	}
	e := Event{Account: account, Type: EventContractChanged, Detail: map[string]string{"contract": ref}}
	return st.s.editAccount(ctx, e, func(a *Account) { a.ContractRef = ref })
}

// ListInquiries pages every account's inquiries, only those with status when it is set.
func (st Staff) ListInquiries(ctx context.Context, status InquiryStatus, opts ListOptions) (Page[Inquiry], error) {
	var p Page[Inquiry]
	err := st.s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ListAllInquiries(ctx, status, opts)
		return err
	})
	return p, err
}

// Resolve closes an open inquiry. With revoke, the certificate is revoked: with [WithCA], at
// the CA first (a lost answer is settled by reading the order), and only then in the store; a
// CA that refuses or cannot be reached leaves the inquiry open, with the error.
func (st Staff) Resolve(ctx context.Context, id InquiryID, revoke bool, note string) (Inquiry, error) {
	var ps problems
	ps.text("note", note, 4*maxTextBytes, false)
	if err := ps.err(); err != nil {
		return Inquiry{}, err
	}
	s := st.s
	if revoke && s.ful.ca != nil {
		if err := s.revokeUpstream(ctx, id); err != nil {
			return Inquiry{}, err
		}
	}
	var q Inquiry
	var refund string // the bill of a paid renewal the revocation cancels, if it is due
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		refund = ""
		if q, err = tx.GetInquiryByID(ctx, id); err != nil {
			return err
		}
		if q.Status != InquiryOpen {
			return stateErr(string(id), "inquiry_closed", arg("status", named(string(q.Status))))
		}
		now := s.now().UTC()
		q.Status, q.StaffNote, q.ResolvedAt = InquiryDeclined, note, now
		if revoke {
			q.Status = InquiryRevoked
			c, err := tx.GetCertificate(ctx, q.Account, q.Certificate)
			if err != nil {
				return err
			}
			if c.Status != CertIssued {
				return stateErr(string(c.ID), "certificate_status", arg("status", named(string(c.Status))))
			}
			if c.LockedBy != "" {
				if app, err := tx.GetApplication(ctx, c.Account, c.LockedBy); err == nil && app.Order != "" {
					refund = refundKey(app.Order, app.ID)
				}
			}
			if err := s.closeForRevocation(ctx, tx, &c); err != nil {
				return err
			}
			c.Status = CertRevoked
			if err := tx.UpdateCertificate(ctx, &c); err != nil {
				return err
			}
			if err := s.event(ctx, tx, Event{Account: q.Account, Type: EventCertificateRevoked, Certificate: c.ID, Inquiry: id, Detail: map[string]string{"reason": string(q.Reason)}}); err != nil {
				return err
			}
		}
		if err := tx.UpdateInquiry(ctx, &q); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: q.Account, Type: EventInquiryResolved, Certificate: q.Certificate, Inquiry: id, Detail: map[string]string{"status": string(q.Status)}})
	})
	if err != nil {
		return Inquiry{}, err
	}
	s.billNow(ctx, BillOnOrder, refund)
	return q, nil
}

// revokeUpstream revokes at the CA the certificate an open inquiry names, when it has a CA
// order. An answer lost, or a conflict (revoked already), is settled by the order's state.
func (s *Service) revokeUpstream(ctx context.Context, id InquiryID) error {
	var c Certificate
	var q Inquiry
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if q, err = tx.GetInquiryByID(ctx, id); err != nil {
			return err
		}
		c, err = tx.GetCertificate(ctx, q.Account, q.Certificate)
		return err
	})
	if err != nil || q.Status != InquiryOpen || c.Status != CertIssued || c.CAOrderID == "" {
		return err // the transaction that follows says what is wrong, if anything
	}
	err = s.ful.ca.Revoke(ctx, c.CAOrderID, q.Reason)
	if err == nil || !errors.Is(err, ErrCAOutcomeUnknown) && !errors.Is(err, ErrCAConflict) {
		return err
	}
	st, serr := s.ful.ca.OrderStatus(ctx, c.CAOrderID)
	if serr == nil && st.State == CARevoked {
		return nil
	}
	return err
}
