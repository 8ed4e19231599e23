package jstore

import (
	"context"
	"strconv"

	"github.com/jstore-sdk/sdk/message"
)

// Closing what a certificate's end leaves behind. A certificate that is revoked or replaced
// can no longer be renewed or reissued, so every application still pointing at it is closed
// here, with an event, rather than left open where nothing could ever finish it.

// closeForRevocation closes the renewal or replacement locking c and its open reissue, as c is
// revoked: an unordered one is removed; an ordered renewal or reissue is cancelled (a renewal's
// price is recorded as due for refund); an ordered replacement is a paid new certificate and
// goes on, carrying the revoked one's remaining days over. c is unlocked either way.
func (s *Service) closeForRevocation(ctx context.Context, tx Tx, c *Certificate) error {
	for _, id := range []ApplicationID{c.LockedBy, c.OpenReissue} {
		if id == "" {
			continue
		}
		app, err := tx.GetApplication(ctx, c.Account, id)
		if err != nil {
			return err
		}
		switch {
		case app.Status == StatusProductSelected || app.Status == StatusInfoRegistered:
			err = s.removeApplication(ctx, tx, app, "certificate revoked")
		case app.Status == StatusOrdered && !app.CarryOver:
			err = s.cancelOrdered(ctx, tx, app, "certificate revoked")
		}
		if err != nil {
			return err
		}
		if c.LockedBy == id {
			c.LockedBy = ""
			if err := s.event(ctx, tx, Event{Account: c.Account, Type: EventCertificateUnlocked, Application: id, Certificate: c.ID}); err != nil {
				return err
			}
		} else {
			c.OpenReissue = ""
		}
	}
	return nil
}

// closeReissueForReplacement closes c's open reissue before c is replaced by a new order, which
// would leave the reissue unable to finish. A reissue already submitted to the CA cannot be
// withdrawn here: the replacement waits until it is issued.
func (s *Service) closeReissueForReplacement(ctx context.Context, tx Tx, c *Certificate) error {
	if c.OpenReissue == "" {
		return nil
	}
	app, err := tx.GetApplication(ctx, c.Account, c.OpenReissue)
	if err != nil {
		return err
	}
	if app.Status != StatusProductSelected && app.Status != StatusInfoRegistered {
		return stateErr(string(c.ID), "reissue_with_ca", arg("application", message.Literal(app.ID)))
	}
	if err := s.removeApplication(ctx, tx, app, "certificate replaced by a new order"); err != nil {
		return err
	}
	c.OpenReissue = ""
	return nil
}

// removeApplication deletes an unordered application, recording why.
func (s *Service) removeApplication(ctx context.Context, tx Tx, app Application, reason string) error {
	if err := tx.DeleteApplication(ctx, app.Account, app.ID, app.Version); err != nil {
		return err
	}
	return s.event(ctx, tx, Event{Account: app.Account, Type: EventApplicationRemoved, Application: app.ID, Certificate: app.Certificate,
		Detail: map[string]string{"reason": reason}})
}

// cancelOrdered closes an ordered application that can no longer be issued. A paid one records
// its order line's amount as due for refund.
func (s *Service) cancelOrdered(ctx context.Context, tx Tx, app Application, reason string) error {
	detail := map[string]string{"reason": reason}
	if app.Order != "" {
		o, err := tx.GetOrder(ctx, app.Account, app.Order)
		if err != nil {
			return err
		}
		for _, l := range o.Lines {
			if l.Application == app.ID {
				detail["refund"] = strconv.FormatInt(l.Amount, 10)
			}
		}
	}
	app.Status, app.UpdatedAt = StatusCancelled, s.now().UTC()
	if err := tx.UpdateApplication(ctx, &app); err != nil {
		return err
	}
	return s.event(ctx, tx, Event{Account: app.Account, Type: EventApplicationCancelled, Application: app.ID, Certificate: app.Certificate,
		Order: app.Order, Detail: detail})
}
