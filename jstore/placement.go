package jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// Placing an application with the CA, at most once.
//
// The protocol: (1) in a transaction, record the attempt (Placement) and take the right to act
// until now+lease — a version-checked write, so of two processes only one gets it; (2) if an
// earlier attempt exists without an order ID, the CA may have acted: read the CA's orders
// (CA.FindOrders) and adopt the one that is this application's; (3) only then call
// CA.PlaceOrder; (4) save the ID. A crash or a lost answer between (1) and (4) leaves an
// attempt without an ID, which the next placement — by Sync, in this or another process, once
// the right has lapsed — reconciles in step 2 before anything is placed again.

// Errors placing an application. errSkip: another process holds the right to act.
var errSkip = errors.New("jstore: placement held elsewhere")

// placeOutcome is what one placement did.
type placeOutcome int

const (
	placeNone     placeOutcome = iota // nothing to do, or another process is at it
	placePlaced                       // a new upstream order
	placeAdopted                      // an earlier attempt's order, found by reconciling
	placeRefused                      // the CA refused: the application is orderable again
	placeRetry                        // the CA was not reached: the application is orderable again
	placeUnknown                      // the answer was lost: Sync reconciles later
	placeDeferred                     // a person's call found the CA's rate limit taken: Sync places it
)

// place orders application id from the CA, at most once: a new application becomes a new
// order; a renewal or a reissue is asked of its certificate's order. A refusal comes back as a
// *ValidationError, and the application is back in the cart (or, for a reissue, editable) with
// any order line voided. When the CA cannot be reached, a customer who is ordering
// (interactive) gets the same, with an error matching ErrCAUnavailable; in the background the
// application stays ordered and the next Sync tries again.
func (s *Service) place(ctx context.Context, account AccountID, id ApplicationID, interactive bool) (placeOutcome, error) {
	app, cert, reconcile, err := s.claimPlacement(ctx, account, id)
	if errors.Is(err, errSkip) {
		return placeNone, nil
	}
	if err != nil || app.CAOrderID != "" {
		return placeNone, err
	}
	if reconcile {
		caID, found, err := s.reconcile(ctx, app, cert)
		if errors.Is(err, ErrCABusy) {
			return placeDeferred, s.deferPlacement(ctx, app)
		}
		if err != nil {
			return placeUnknown, s.notePlacement(ctx, app, "reconciling: "+err.Error())
		}
		if found {
			err := s.savePlacement(ctx, app, caID)
			if err == nil {
				s.logPlaced(ctx, app, caID, true)
			}
			return placeAdopted, err
		}
	}
	s.crashPoint("placement.before-call")
	caID, err := s.callCA(ctx, app, cert)
	s.crashPoint("placement.after-call")
	switch {
	case err == nil:
		err = s.savePlacement(ctx, app, caID)
		s.crashPoint("placement.saved")
		if err == nil {
			s.logPlaced(ctx, app, caID, false)
		}
		return placePlaced, err
	case errors.Is(err, ErrCABusy):
		return placeDeferred, s.deferPlacement(ctx, app)
	case errors.Is(err, ErrCAOutcomeUnknown):
		return placeUnknown, s.notePlacement(ctx, app, err.Error())
	case errors.Is(err, ErrCARefused):
		return placeRefused, s.unplace(ctx, app, err, caRefusal(app, err))
	case errors.Is(err, ErrCAUnavailable) && interactive:
		return placeRetry, s.unplace(ctx, app, err, fmt.Errorf("jstore: application %s: %w", app.ID, err))
	case errors.Is(err, ErrCAUnavailable):
		return placeRetry, s.notePlacement(ctx, app, err.Error())
	}
	// An error of no known kind might hide an order: reconcile rather than assume.
	return placeUnknown, s.notePlacement(ctx, app, err.Error())
}

// callCA makes the one call that creates something at the CA for app.
func (s *Service) callCA(ctx context.Context, app Application, cert Certificate) (CAOrderID, error) {
	switch app.Kind {
	case AppRenewal:
		return cert.CAOrderID, s.ful.ca.Renew(ctx, cert.CAOrderID, CARenewal{CSR: app.CSR, SANs: app.SANs, Root: app.Root, Term: app.Term})
	case AppReissue:
		return cert.CAOrderID, s.ful.ca.Reissue(ctx, cert.CAOrderID, CAReissue{CSR: app.CSR, CommonName: app.CommonName, SANs: app.SANs,
			Root: app.Root, DelayRevokeHours: reissueRevokeDelayHours})
	}
	order, err := s.caOrder(ctx, app)
	if err != nil {
		return "", err
	}
	return s.ful.ca.PlaceOrder(ctx, order)
}

// reissueRevokeDelayHours is how long the certificate a reissue replaces stays valid, so the
// customer has time to install the new one (the CA's default and most).
const reissueRevokeDelayHours = 72

// reconcile finds out whether an earlier attempt reached the CA. A new order is looked for
// among the CA's orders; a renewal or a reissue shows in its order's state: pending, or a
// certificate other than the one the lineage holds.
func (s *Service) reconcile(ctx context.Context, app Application, cert Certificate) (CAOrderID, bool, error) {
	if app.Kind != AppNew {
		st, err := s.ful.ca.OrderStatus(ctx, cert.CAOrderID)
		if err != nil {
			return "", false, err
		}
		moved := st.State == CAPending || st.State == CAIssued && st.SerialHex != "" && !strings.EqualFold(st.SerialHex, cert.SerialHex)
		return cert.CAOrderID, moved, nil
	}
	order, err := s.caOrder(ctx, app)
	if err != nil {
		return "", false, err
	}
	found, err := s.ful.ca.FindOrders(ctx, order, app.Placement.FirstAt.Add(-clockSkew))
	if err != nil {
		return "", false, err
	}
	caID, ok := s.unclaimed(ctx, found)
	return caID, ok, nil
}

// clockSkew widens the reconciliation window for a CA whose clock runs behind ours.
const clockSkew = 5 * time.Minute

// claimPlacement records an attempt and takes the right to act, unless the application is
// placed already (returned with its ID), no longer ordered, recorded by hand (a renewal or
// reissue of a certificate that has no CA order), or another process holds the right
// (errSkip). reconcile says an earlier attempt may have reached the CA.
func (s *Service) claimPlacement(ctx context.Context, account AccountID, id ApplicationID) (app Application, cert Certificate, reconcile bool, err error) {
	err = s.store.Update(ctx, func(tx Tx) error {
		if app, err = tx.GetApplication(ctx, account, id); err != nil {
			return err
		}
		if app.Kind != AppNew {
			if cert, err = tx.GetCertificate(ctx, account, app.Certificate); err != nil {
				return err
			}
		}
		now := s.now().UTC()
		p := &app.Placement
		switch {
		case app.CAOrderID != "":
			return nil
		case app.Status != StatusOrdered || app.Kind != AppNew && cert.CAOrderID == "":
			return errSkip
		case p.Owner != "" && now.Before(p.Until):
			// Held by another process, or by another goroutine of this one.
			return errSkip
		}
		reconcile = p.Attempts > 0
		if p.Attempts == 0 {
			p.FirstAt = now
		}
		p.Attempts++
		p.Owner, p.Until = s.holder(), now.Add(s.ful.lease)
		return tx.UpdateApplication(ctx, &app)
	})
	if errors.Is(err, ErrConflict) {
		return app, cert, false, errSkip // another process wrote first
	}
	return app, cert, reconcile, err
}

// unclaimed returns the oldest of the CA's orders that no application holds yet.
func (s *Service) unclaimed(ctx context.Context, found []CAOrderID) (CAOrderID, bool) {
	for _, id := range found {
		err := s.store.View(ctx, func(tx Tx) error {
			_, err := tx.FindApplicationByCAOrder(ctx, id)
			return err
		})
		if errors.Is(err, ErrNotFound) {
			return id, true
		}
	}
	return "", false
}

// savePlacement stores the CA's order ID and gives up the right to act.
func (s *Service) savePlacement(ctx context.Context, app Application, caID CAOrderID) error {
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil {
			return err
		}
		if cur.CAOrderID != "" && cur.CAOrderID != caID {
			// Another process placed it too, which the right to act should prevent: say so
			// loudly rather than lose either order.
			return s.event(ctx, tx, Event{Account: app.Account, Type: EventCADuplicateOrder, Application: app.ID,
				Detail: map[string]string{"kept": string(cur.CAOrderID), "duplicate": string(caID)}})
		}
		cur.CAOrderID, cur.Placement.Owner, cur.Placement.LastError = caID, "", ""
		cur.NextCheck, cur.UpdatedAt = s.now().UTC(), s.now().UTC()
		if err := tx.UpdateApplication(ctx, &cur); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: app.Account, Type: EventCAOrderPlaced, Application: app.ID, Order: app.Order, Certificate: app.Certificate,
			Detail: map[string]string{"ca_order": string(caID), "attempt": fmt.Sprint(cur.Placement.Attempts), "kind": string(app.Kind)}})
	})
}

// notePlacement keeps the attempt (so the next one reconciles) and lets the right lapse now.
func (s *Service) notePlacement(ctx context.Context, app Application, why string) error {
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil || cur.CAOrderID != "" {
			return err
		}
		cur.Placement.Owner, cur.Placement.LastError = "", why
		return tx.UpdateApplication(ctx, &cur)
	})
}

// deferPlacement takes back an attempt that sent nothing (the CA's rate limit was taken for
// longer than a person may wait): the application stays ordered for Sync to place, with no
// attempt to reconcile and so no extra call to the CA.
func (s *Service) deferPlacement(ctx context.Context, app Application) error {
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil || cur.CAOrderID != "" || cur.Placement.Owner != app.Placement.Owner {
			return err
		}
		p := &cur.Placement
		if p.Attempts--; p.Attempts <= 0 {
			*p = Placement{}
		}
		p.Owner, p.Until = "", time.Time{}
		return tx.UpdateApplication(ctx, &cur)
	})
}

// unplace returns an application the CA did not act on to the cart (InfoRegistered; a reissue
// to editing) and voids its order line, recording the refund due, so that ordering it again
// charges once.
func (s *Service) unplace(ctx context.Context, app Application, cause, result error) error {
	var order OrderID
	err := s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil {
			return err
		}
		detail := map[string]string{"reason": cause.Error()}
		if o, err := tx.GetOrder(ctx, app.Account, cur.Order); cur.Order != "" && err == nil {
			for _, l := range o.Lines {
				if l.Application == app.ID {
					detail["refund"] = fmt.Sprint(l.Amount)
				}
			}
		}
		order = cur.Order
		cur.Status, cur.Order, cur.Placement, cur.UpdatedAt = StatusInfoRegistered, "", Placement{}, s.now().UTC()
		if err := tx.UpdateApplication(ctx, &cur); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: app.Account, Type: EventOrderLineVoided, Application: app.ID, Order: order, Detail: detail})
	})
	if err != nil {
		return err
	}
	s.billNow(ctx, BillOnOrder, refundKey(order, app.ID))
	return result
}

// caRefusal is the CA's refusal as a validation problem the customer can read. A renewal the
// CA refuses for its order's state is outside the CA's renewal window, which counts instants
// and can close up to a day before the portal's calendar days do: the way on is a new order
// that carries the remaining days over.
func caRefusal(app Application, err error) error {
	if app.Kind == AppRenewal && errors.Is(err, ErrCAConflict) {
		return invalid("ca_renewal_window", "applications")
	}
	msg := strings.TrimPrefix(err.Error(), ErrCARefused.Error()+": ")
	return invalid("ca_refused", "applications", arg("ca_message", message.Literal(msg)))
}

// caOrder builds the CA's order from an application and its account.
func (s *Service) caOrder(ctx context.Context, app Application) (CAOrder, error) {
	p, ok := s.catalogue.Lookup(app.ProductCode)
	if !ok {
		return CAOrder{}, fmt.Errorf("jstore: application %s: product %s is no longer in the catalogue", app.ID, app.ProductCode)
	}
	var acct Account
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		acct, err = tx.GetAccount(ctx, app.Account)
		return err
	})
	if err != nil {
		return CAOrder{}, err
	}
	o := CAOrder{
		UpstreamType: p.UpstreamType, Term: app.Term, CSR: app.CSR, CommonName: app.CommonName,
		Root: app.Root, Contact: contactOf(acct.Customer), Country: "JP", CallbackURL: s.callbackURL(app),
	}
	if p.Kind == ProductMultiDomain {
		o.SANs, o.SANSlots = app.SANs, app.SANSlots
	}
	if p.Level != LevelDV {
		o.Organization = app.Organization
	}
	return o, nil
}

// contactOf splits the customer's contact name, written family name first as Japanese names
// are, at its first space (ASCII or ideographic); a name without one is both.
func contactOf(c CustomerInfo) CAContact {
	name := strings.TrimSpace(c.ContactName)
	last, first, ok := strings.Cut(strings.ReplaceAll(name, "\u3000", " "), " ")
	if !ok {
		last, first = name, name
	}
	return CAContact{FirstName: strings.TrimSpace(first), LastName: last, Email: c.Email, Phone: c.Phone}
}

// holder names one holding of a right: this Service's name and a token of its own, since a
// Service acts from many goroutines at once.
func (s *Service) holder() string { return s.ful.owner + "#" + newID("") }

// crashPoint runs the test hook, which may panic to stand for a process dying there.
func (s *Service) crashPoint(point string) {
	if s.ful.hook != nil {
		s.ful.hook(point)
	}
}
