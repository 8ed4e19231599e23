package jstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/dcv"
)

// WithPublishers lets Sync do a DNS or file domain validation itself (new orders, renewals and
// reissues alike): when the CA waits for it, Sync publishes the TXT record or file through the
// first publisher that serves the domain, looks for it with the preflight (CheckDomainControl),
// asks the CA to validate, and removes what it published once the CA has validated, the order
// ended or it was cancelled. A domain no publisher serves stays with the customer, by the
// instructions DomainControl gives. Without publishers every domain does.
func WithPublishers(ps ...dcv.Publisher) Option {
	return func(s *settings) error {
		if len(ps) == 0 || slices.Contains(ps, nil) {
			return errors.New("jstore: WithPublishers: no publisher, or a nil one")
		}
		s.ful.publish = dcv.Chain(ps)
		return nil
	}
}

// errNoPublisher: an application holds what an earlier configuration published, and this
// Service has no publisher to remove it with; it is left, and said.
var errNoPublisher = errors.New("jstore: the application holds published DCV records or files, but no publisher is configured to remove them (WithPublishers)")

// reaskValidation is how long after asking the CA to validate Sync waits before it publishes,
// looks and asks again for an order that is still pending.
const reaskValidation = 30 * time.Minute

// publishes reports whether Sync validates app's domains itself.
func (s *Service) publishes(app Application) bool {
	return s.ful.publish != nil && (app.DCV == DCVDNS || app.DCV == DCVFile)
}

// autoValidate publishes what the CA waits for on a pending order, checks that it can be seen,
// and asks the CA to validate. Failures are noted in rep; the caller reschedules.
func (s *Service) autoValidate(ctx context.Context, app Application, rep *SyncReport) {
	if !app.ValidationAsked.IsZero() && s.now().Sub(app.ValidationAsked) < reaskValidation {
		return
	}
	dc, err := s.domainControl(ctx, app.Account, app.ID)
	if err != nil {
		rep.issue(app, StepValidate, err)
		return
	}
	names := app.names()
	for _, step := range dc.Domains {
		if step.Validated || !slices.Contains(names, step.Domain) {
			continue // a publisher is never handed a name outside the application
		}
		c := challenge(app, step)
		if slices.ContainsFunc(app.Published, func(p dcv.Publication) bool {
			// Done: an intent alone (no zone or root yet) may stand for a publication a
			// crash interrupted, so it is published again; publishers add no second copy.
			return p.Zone != "" && p.Method == c.Method && p.Value == c.Value && p.Domain == c.Domain
		}) {
			continue
		}
		if app, err = s.publishOne(ctx, app, c); err != nil {
			rep.issue(app, StepValidate, err)
			return
		}
	}
	if check := s.preflight(ctx, app, dc); !check.Ready {
		var ps []Problem
		for _, d := range check.Domains {
			ps = append(ps, d.Problems...)
		}
		rep.issue(app, StepValidate, &ValidationError{Problems: ps})
		return
	}
	if err := s.ful.ca.VerifyDomainControl(ctx, app.CAOrderID); err != nil {
		rep.issue(app, StepValidate, err)
		return
	}
	_, _ = s.editApplication(ctx, app, Event{Type: EventDCVValidationRequested}, func(a *Application) { a.ValidationAsked = s.now().UTC() })
}

// challenge is what the CA looks for at one of app's domains.
func challenge(app Application, step DomainStep) dcv.Challenge {
	base := strings.TrimPrefix(step.Domain, "*.")
	if app.DCV == DCVFile {
		return dcv.Challenge{Domain: base, Method: dcv.MethodFile, Path: validationPath(app.Root), Value: step.FileContent}
	}
	return dcv.Challenge{Domain: base, Method: dcv.MethodDNS, TXTName: step.TXTName, Value: step.TXTValue}
}

// publishOne keeps the challenge's intent on the application, publishes it, and keeps what was
// published in its place; a domain no publisher serves drops the intent and is left to the
// customer. It returns the application as stored.
func (s *Service) publishOne(ctx context.Context, app Application, c dcv.Challenge) (Application, error) {
	intent := c.Intent()
	app, err := s.editApplication(ctx, app, Event{}, func(a *Application) {
		if !slices.Contains(a.Published, intent) {
			a.Published = append(a.Published, intent)
		}
	})
	if err != nil {
		return app, err
	}
	pub, err := s.ful.publish.Publish(ctx, c)
	var ev Event
	switch {
	case errors.Is(err, dcv.ErrNotServed):
		ev = Event{}
	case err != nil:
		code := ""
		var de *dcv.Error
		if errors.As(err, &de) {
			code = string(de.Code)
		}
		ev = Event{Type: EventDCVPublishFailed, Detail: map[string]string{"domain": c.Domain, "method": string(c.Method), "code": code, "error": err.Error()}}
	default:
		ev = Event{Type: EventDCVPublished, Detail: map[string]string{"domain": c.Domain, "method": string(c.Method), "zone": pub.Zone, "name": pub.Name}}
	}
	// A publisher leaves nothing behind when it fails, so the intent goes; on success the
	// publication takes its place.
	cur, editErr := s.editApplication(ctx, app, ev, func(a *Application) {
		a.Published = slices.DeleteFunc(a.Published, func(p dcv.Publication) bool { return p == intent })
		if err == nil {
			a.Published = append(a.Published, pub)
		}
	})
	if editErr != nil {
		return app, errors.Join(err, editErr)
	}
	if err == nil {
		s.logDCV(ctx, "dcv published", app, pub)
	}
	if errors.Is(err, dcv.ErrNotServed) {
		err = nil
	}
	return cur, err
}

// removePublished removes everything Sync published for app, dropping each from the record once
// it is gone; what a publisher no longer knows is dropped too. The first failure stops it and
// keeps the rest for a later pass.
func (s *Service) removePublished(ctx context.Context, app Application) error {
	for _, p := range app.Published {
		err := s.ful.publish.Remove(ctx, p)
		if err != nil && !errors.Is(err, dcv.ErrNotServed) {
			return err
		}
		ev := Event{Type: EventDCVRemoved, Detail: map[string]string{"domain": p.Domain, "method": string(p.Method), "zone": p.Zone, "name": p.Name}}
		if _, err := s.editApplication(ctx, app, ev, func(a *Application) {
			a.Published = slices.DeleteFunc(a.Published, func(q dcv.Publication) bool { return q == p })
		}); err != nil {
			return err
		}
		s.logDCV(ctx, "dcv removed", app, p)
	}
	return nil
}

// editApplication re-reads app, changes it with edit and records ev (when it has a type) in one
// transaction, and returns the application as stored.
func (s *Service) editApplication(ctx context.Context, app Application, ev Event, edit func(*Application)) (Application, error) {
	var cur Application
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if cur, err = tx.GetApplication(ctx, app.Account, app.ID); err != nil {
			return err
		}
		edit(&cur)
		if err := tx.UpdateApplication(ctx, &cur); err != nil {
			return err
		}
		if ev.Type == "" {
			return nil
		}
		ev.Account, ev.Application, ev.Certificate = app.Account, app.ID, app.Certificate
		return s.event(ctx, tx, ev)
	})
	return cur, err
}
