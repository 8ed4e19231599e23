package jstore

import (
	"context"
	"errors"
)

// CancelOrder cancels an ordered new application the CA has not issued (a pending order), at
// the customer's request: with [WithCA] the CA cancels the order first; then the application
// is closed (StatusCancelled) with its price recorded as due for refund. One that is being
// placed right now, or whose placement is still to be reconciled, is ErrState until the next
// Sync settles it; an issued one is ErrState (ask for revocation instead).
func (s *Service) CancelOrder(ctx context.Context, account AccountID, id ApplicationID) (Application, error) {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	app, err := s.GetApplication(ctx, account, id)
	if err != nil {
		return Application{}, err
	}
	if app.Status != StatusOrdered || app.Kind != AppNew {
		return Application{}, stateErr(string(id), "cancel_not_allowed", arg("kind", named(string(app.Kind))), arg("status", named(string(app.Status))))
	}
	if app.CAOrderID == "" && (app.Placement.Attempts > 0 || app.Placement.Owner != "") {
		return Application{}, stateErr(string(id), "order_placing")
	}
	if s.ful.publish != nil && len(app.Published) > 0 {
		// Removed first: should the CA then refuse, the next Sync publishes again.
		if err := s.removePublished(ctx, app); err != nil {
			return Application{}, err
		}
	}
	if app.CAOrderID != "" && s.ful.ca != nil {
		if err := s.ful.ca.Cancel(ctx, app.CAOrderID); err != nil && !s.cancelledUpstream(ctx, app.CAOrderID, err) {
			return Application{}, err
		}
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		switch {
		case app.CAOrderID == "" && cur.Version != app.Version:
			// Not yet placed when read: a placement that began meanwhile must not be lost.
			return stateErr(string(id), "changed_meanwhile")
		case cur.Status != StatusOrdered:
			return stateErr(string(id), "application_status", arg("status", named(string(cur.Status))))
		}
		return s.cancelOrdered(ctx, tx, cur, "cancelled by the customer")
	})
	if err != nil {
		return Application{}, err
	}
	s.billNow(ctx, BillOnOrder, refundKey(app.Order, id))
	return s.GetApplication(ctx, account, id)
}

// cancelledUpstream settles a failed cancellation by the order's state before failure is
// reported: a dropped or cut answer is retried by the client, and the retries then find the
// order cancelled already or lose their answers too, so a CA that seemed unavailable or
// answered garbage may well have cancelled.
func (s *Service) cancelledUpstream(ctx context.Context, id CAOrderID, err error) bool {
	if errors.Is(err, ErrCAUnauthorized) || errors.Is(err, ErrNotFound) {
		return false
	}
	st, serr := s.ful.ca.OrderStatus(ctx, id)
	return serr == nil && st.State == CACanceled
}
