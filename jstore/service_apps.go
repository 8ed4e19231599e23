package jstore

import (
	"context"

	"github.com/jstore-sdk/sdk/message"
)

// checkSelection validates a product choice against the catalogue.
func (s *Service) checkSelection(sel Selection) (Product, error) {
	p, ok := s.catalogue.Lookup(sel.ProductCode)
	if !ok {
		return Product{}, invalid("product_unknown", "product")
	}
	if ps := p.ChoiceProblems(sel.Term, sel.SANSlots); len(ps) > 0 {
		return p, &ValidationError{Problems: ps}
	}
	return p, nil
}

// StartNew starts a new application (新規) with a product choice; it lands in the cart.
func (s *Service) StartNew(ctx context.Context, account AccountID, sel Selection) (Application, error) {
	if _, err := s.checkSelection(sel); err != nil {
		return Application{}, err
	}
	now := s.now().UTC()
	app := Application{
		ID: ApplicationID(newID("app_")), Account: account, Kind: AppNew, Status: StatusProductSelected,
		ProductCode: sel.ProductCode, Term: sel.Term, SANSlots: sel.SANSlots, CreatedAt: now, UpdatedAt: now,
	}
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := tx.GetAccount(ctx, account); err != nil {
			return err
		}
		if err := tx.CreateApplication(ctx, &app); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventApplicationStarted, Application: app.ID, Detail: map[string]string{"kind": string(AppNew)}})
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// StartRenewal starts a renewal (更新) of an issued certificate inside its renewal window and
// locks the certificate until the renewal is issued or dropped. An empty ProductCode keeps the
// certificate's product. A renewal keeps the product and the SAN slot count: a change returns a
// *RenewalChangeError, and [Service.StartReplacement] makes the new order that carries the
// remaining days over instead.
func (s *Service) StartRenewal(ctx context.Context, account AccountID, cert CertificateID, sel Selection) (Application, error) {
	now := s.now().UTC()
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		c, err := s.manageable(ctx, tx, account, cert)
		if err != nil {
			return err
		}
		if w := s.RenewalWindowFor(c.SubscriptionEnd); !w.Contains(now) {
			return &StateError{Kind: KindOutsideWindow, Record: string(cert), Code: "outside_window", Args: []message.Arg{
				arg("from", message.Day{T: w.Opens, Zone: s.loc}), arg("to", message.Day{T: w.Closes.In(s.loc).AddDate(0, 0, -1), Zone: s.loc})}}
		}
		if sel.ProductCode == "" {
			sel.ProductCode = c.ProductCode
		}
		if _, err := s.checkSelection(sel); err != nil {
			return err
		}
		var changed []string
		if sel.ProductCode != c.ProductCode {
			changed = append(changed, "product")
		}
		if sel.SANSlots != c.SANSlots {
			changed = append(changed, "san_slots")
		}
		if len(changed) > 0 {
			return &RenewalChangeError{Certificate: cert, Fields: changed}
		}
		app = Application{
			ID: ApplicationID(newID("app_")), Account: account, Kind: AppRenewal, Status: StatusProductSelected,
			ProductCode: sel.ProductCode, Term: sel.Term, SANSlots: sel.SANSlots, Certificate: cert,
			Organization: c.Organization, Root: c.Root, CreatedAt: now, UpdatedAt: now,
		}
		return s.createLinked(ctx, tx, &app, &c)
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// StartReplacement starts a new order (新規取直し) that replaces an issued certificate, for the
// changes a renewal may not make (SAN slot count, end-user organisation). The new subscription
// runs from the old one's end (or from issuance, if that is later) so no paid day is lost, and
// the old certificate is locked until the replacement is issued or dropped. An open reissue of
// the old certificate is closed (it could never finish once the certificate is replaced); one
// already submitted to the CA makes this wait, with ErrState, until it is issued.
func (s *Service) StartReplacement(ctx context.Context, account AccountID, cert CertificateID, sel Selection) (Application, error) {
	if _, err := s.checkSelection(sel); err != nil {
		return Application{}, err
	}
	now := s.now().UTC()
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		c, err := s.manageable(ctx, tx, account, cert)
		if err != nil {
			return err
		}
		if err := s.closeReissueForReplacement(ctx, tx, &c); err != nil {
			return err
		}
		app = Application{
			ID: ApplicationID(newID("app_")), Account: account, Kind: AppNew, Status: StatusProductSelected,
			ProductCode: sel.ProductCode, Term: sel.Term, SANSlots: sel.SANSlots, Certificate: cert, CarryOver: true,
			Organization: c.Organization, Root: c.Root, CreatedAt: now, UpdatedAt: now,
		}
		return s.createLinked(ctx, tx, &app, &c)
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// createLinked stores an application that locks its certificate.
func (s *Service) createLinked(ctx context.Context, tx Tx, app *Application, c *Certificate) error {
	if err := tx.CreateApplication(ctx, app); err != nil {
		return err
	}
	c.LockedBy = app.ID
	if err := tx.UpdateCertificate(ctx, c); err != nil {
		return err
	}
	detail := map[string]string{"kind": string(app.Kind)}
	if app.CarryOver {
		detail["carry_over"] = "true"
	}
	if err := s.event(ctx, tx, Event{Account: app.Account, Type: EventApplicationStarted, Application: app.ID, Certificate: c.ID, Detail: detail}); err != nil {
		return err
	}
	return s.event(ctx, tx, Event{Account: app.Account, Type: EventCertificateLocked, Application: app.ID, Certificate: c.ID})
}

// ConvertRenewalToNew turns a renewal in the cart into a new order that replaces the
// certificate (manual 7): use it when the renewal needs a change it may not make. sel may change
// the product, term and SAN slots; the application returns to StatusProductSelected, the
// certificate stays locked, and issuance carries the remaining days over. As with
// StartReplacement, an open reissue is closed, or one with the CA makes this wait.
func (s *Service) ConvertRenewalToNew(ctx context.Context, account AccountID, id ApplicationID, sel Selection) (Application, error) {
	if _, err := s.checkSelection(sel); err != nil {
		return Application{}, err
	}
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if app, err = tx.GetApplication(ctx, account, id); err != nil {
			return err
		}
		if app.Kind != AppRenewal || !app.InCart() {
			return stateErr(string(id), "convert_not_allowed")
		}
		c, err := tx.GetCertificate(ctx, account, app.Certificate)
		if err != nil {
			return err
		}
		if c.OpenReissue != "" {
			if err := s.closeReissueForReplacement(ctx, tx, &c); err != nil {
				return err
			}
			if err := tx.UpdateCertificate(ctx, &c); err != nil {
				return err
			}
		}
		app.Kind, app.CarryOver, app.Status, app.Step1Done = AppNew, true, StatusProductSelected, false
		app.ProductCode, app.Term, app.SANSlots = sel.ProductCode, sel.Term, sel.SANSlots
		app.DCV, app.ApproverEmail = "", ""
		app.UpdatedAt = s.now().UTC()
		if err := tx.UpdateApplication(ctx, &app); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventApplicationConvert, Application: id, Certificate: app.Certificate})
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// RemoveFromCart drops an application that is not yet ordered and releases the certificate it
// locked.
func (s *Service) RemoveFromCart(ctx context.Context, account AccountID, id ApplicationID) error {
	return s.store.Update(ctx, func(tx Tx) error {
		app, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		if app.Status != StatusProductSelected && app.Status != StatusInfoRegistered {
			return stateErr(string(id), "remove_not_allowed")
		}
		if err := tx.DeleteApplication(ctx, account, id, app.Version); err != nil {
			return err
		}
		if err := s.event(ctx, tx, Event{Account: account, Type: EventApplicationRemoved, Application: id, Certificate: app.Certificate}); err != nil {
			return err
		}
		if app.Certificate == "" {
			return nil
		}
		return s.release(ctx, tx, account, app.Certificate, id)
	})
}

// release clears what application id held on the certificate: its lock or its open reissue.
func (s *Service) release(ctx context.Context, tx Tx, account AccountID, cert CertificateID, id ApplicationID) error {
	c, err := tx.GetCertificate(ctx, account, cert)
	if err != nil {
		return err
	}
	unlocked := c.LockedBy == id
	if !unlocked && c.OpenReissue != id {
		return nil
	}
	if unlocked {
		c.LockedBy = ""
	} else {
		c.OpenReissue = ""
	}
	if err := tx.UpdateCertificate(ctx, &c); err != nil {
		return err
	}
	if !unlocked {
		return nil
	}
	return s.event(ctx, tx, Event{Account: account, Type: EventCertificateUnlocked, Application: id, Certificate: cert})
}

// manageable returns the certificate if management operations may touch it.
func (s *Service) manageable(ctx context.Context, tx Tx, account AccountID, id CertificateID) (Certificate, error) {
	c, err := tx.GetCertificate(ctx, account, id)
	if err != nil {
		return Certificate{}, err
	}
	if c.Locked() {
		return Certificate{}, lockedErr(c)
	}
	if !c.Active() {
		return Certificate{}, stateErr(string(id), "certificate_status", arg("status", named(string(c.Status))))
	}
	return c, nil
}

// GetApplication returns one application.
func (s *Service) GetApplication(ctx context.Context, account AccountID, id ApplicationID) (Application, error) {
	var app Application
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		app, err = tx.GetApplication(ctx, account, id)
		return err
	})
	return app, err
}

// ListApplications pages the account's applications in creation order.
func (s *Service) ListApplications(ctx context.Context, account AccountID, opts ListOptions) (Page[Application], error) {
	var p Page[Application]
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ListApplications(ctx, account, opts)
		return err
	})
	return p, err
}

func lockedErr(c Certificate) error {
	return &StateError{Kind: KindCertificateLocked, Record: string(c.ID), Code: "locked_by_renewal", Args: []message.Arg{arg("application", message.Literal(c.LockedBy))}}
}
