package jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/jstore-sdk/sdk/message"
)

// StartReissue starts a free reissue (再発行) of an issued certificate: a new CSR with the same
// Common Name, a root switch, or SANs added or removed (multi-domain only, within the slots).
// The application goes through SubmitStep1 and SubmitStep2 like a new one, then SubmitReissue.
// One reissue may be open per certificate at a time.
func (s *Service) StartReissue(ctx context.Context, account AccountID, cert CertificateID) (Application, error) {
	now := s.now().UTC()
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		c, err := s.manageable(ctx, tx, account, cert)
		if err != nil {
			return err
		}
		if c.OpenReissue != "" {
			return stateErr(string(cert), "reissue_open", arg("application", message.Literal(c.OpenReissue)))
		}
		app = Application{
			ID: ApplicationID(newID("app_")), Account: account, Kind: AppReissue, Status: StatusProductSelected,
			ProductCode: c.ProductCode, SANSlots: c.SANSlots, Certificate: cert, SANs: slices.Clone(c.SANs),
			Organization: c.Organization, Root: c.Root, CreatedAt: now, UpdatedAt: now,
		}
		if err := tx.CreateApplication(ctx, &app); err != nil {
			return err
		}
		c.OpenReissue = app.ID
		if err := tx.UpdateCertificate(ctx, &c); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventApplicationStarted, Application: app.ID, Certificate: cert, Detail: map[string]string{"kind": string(AppReissue)}})
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// SubmitReissue sends a registered reissue on (StatusOrdered; reissues are free, so no order)
// and records in the certificate's history what it changes. With [WithCA] it is then asked of
// the certificate's CA order, at most once, as CompleteOrder places an order; a refusal or an
// unreachable CA leaves it registered, with the error.
func (s *Service) SubmitReissue(ctx context.Context, account AccountID, id ApplicationID) (Application, error) {
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if app, err = tx.GetApplication(ctx, account, id); err != nil {
			return err
		}
		if app.Kind != AppReissue || app.Status != StatusInfoRegistered {
			return stateErr(string(id), "reissue_incomplete")
		}
		c, err := s.manageable(ctx, tx, account, app.Certificate)
		if err != nil {
			return err
		}
		app.Status, app.UpdatedAt = StatusOrdered, s.now().UTC()
		if err := tx.UpdateApplication(ctx, &app); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventReissueRequested, Application: id, Certificate: c.ID, Detail: reissueChanges(c, app)})
	})
	if err != nil {
		return Application{}, err
	}
	if s.ful.ca == nil {
		return app, nil
	}
	// Placed at once if the CA's rate limit has a slot soon; otherwise it stays ordered and
	// Sync places it, as CompleteOrder does.
	outcome, err := s.place(interactive(ctx, placeWhileWaiting), account, id, true)
	if err != nil {
		return Application{}, err
	}
	if outcome == placePlaced && s.ful.publish != nil {
		s.syncSoon(account, id) // publish and ask the CA to validate, in the background
	}
	return s.GetApplication(ctx, account, id)
}

// reissueChanges describes what a reissue changes, for the history.
func reissueChanges(c Certificate, app Application) map[string]string {
	d := map[string]string{"csr": "replaced"}
	if app.Root != c.Root {
		d["root"] = string(c.Root) + " -> " + string(app.Root)
	}
	var added, removed []string
	for _, n := range app.SANs {
		if !slices.Contains(c.SANs, n) {
			added = append(added, n)
		}
	}
	for _, n := range c.SANs {
		if !slices.Contains(app.SANs, n) {
			removed = append(removed, n)
		}
	}
	if len(added) > 0 {
		d["sans_added"] = strings.Join(added, ",")
	}
	if len(removed) > 0 {
		d["sans_removed"] = strings.Join(removed, ",")
	}
	return d
}
