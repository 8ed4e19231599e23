package jstore

import (
	"context"
	"errors"
	"go.opentelemetry.io/otel/trace"
	"strings"
	"time"
)

// SyncReport says what one Sync pass did.
type SyncReport struct {
	Due     int // ordered applications acted on (others wait for their next check)
	Asked   int // questions to the CA about an order's state
	Placed  int // orders placed, or adopted from an earlier attempt by reconciling
	Issued  int // certificates verified and recorded
	Closed  int // applications closed because the CA denied, cancelled or revoked the order
	Flagged int // issued certificates refused by verification; staff must look
	Failed  int // items whose CA call failed; they are tried again at their next check
	// ReissuesDue counts certificates whose next free reissue had fallen due at the start of
	// the pass; Reissued, those Sync reissued with a CSR from the KeySource.
	ReissuesDue int
	Reissued    int
	// Deployed counts certificates installed on a target (WithDeployers); a failed deployment
	// counts in Failed, with StepDeploy.
	Deployed int
	// Alerted counts the notices notifiers took (WithNotifiers): raisings and clearings. A
	// notifier's failure counts in Failed, with StepAlert, and is retried after the back-off.
	Alerted int
	// Billed counts the bills SettleBills issued (WithBiller): those still due after a crash
	// or a failure. A bill that fails again counts in Failed, with StepBill.
	Billed int
	// Left counts the items that were due but not started because the pass's deadline
	// (WithSyncLimits) had passed; the next pass takes them.
	Left int
	// Issues says, for each item the pass could not finish (at most the first 100), which
	// one, at what step, and why: ErrorMessage words Err in either language, and a flagged
	// issuance is a *FlagError naming what was wrong.
	Issues []SyncIssue
}

// SyncIssue is one item a Sync pass could not finish. It is tried again at its next check,
// except a flagged issuance (StepVerify), which waits for staff.
type SyncIssue struct {
	Account     AccountID
	Application ApplicationID // "" for a certificate's automatic reissue that never started
	Certificate CertificateID // the lineage, for a renewal, a reissue or an automatic reissue
	Step        SyncStep
	Err         error
}

// SyncStep names where an item stopped.
type SyncStep string

// Sync steps.
const (
	StepPlace    SyncStep = "place"    // ordering from the CA, or reconciling a lost answer
	StepStatus   SyncStep = "status"   // asking the CA about the order
	StepDownload SyncStep = "download" // fetching what the CA issued
	StepVerify   SyncStep = "verify"   // what the CA issued was refused (flagged)
	StepRecord   SyncStep = "record"   // storing the verified certificate
	StepClose    SyncStep = "close"    // closing an order the CA ended
	StepReissue  SyncStep = "reissue"  // starting a due reissue with a KeySource's CSR
	StepValidate SyncStep = "validate" // publishing the DCV record or file and asking the CA to validate
	StepCleanup  SyncStep = "cleanup"  // removing what was published for validation
	StepDeploy   SyncStep = "deploy"   // installing the certificate on a target
	StepAlert    SyncStep = "alert"    // telling a notifier of an alert
	StepBill     SyncStep = "bill"     // issuing a bill still due (WithBiller)
)

// maxSyncIssues bounds SyncReport.Issues: a pass over a CA that fails everything reports the
// first ones and counts the rest in Failed.
const maxSyncIssues = 100

// issue notes an item the pass could not finish.
func (rep *SyncReport) issue(app Application, step SyncStep, err error) {
	if len(rep.Issues) < maxSyncIssues {
		rep.Issues = append(rep.Issues, SyncIssue{Account: app.Account, Application: app.ID, Certificate: app.Certificate, Step: step, Err: err})
	}
}

var errNoCA = errors.New("jstore: no CA configured (use WithCA)")

// Sync makes one pass over every ordered application, across accounts: it places the ones not
// yet placed (reconciling first where an earlier attempt may have reached the CA), and asks the
// CA about the others that are due, backing off per application (WithSyncBackoff). An issued
// certificate is downloaded and verified before it is recorded — the leaf's key is the CSR's,
// its names are the application's, its chain verifies to the chosen root, its lifetime is within
// the CA/Browser Forum maximum for its issuance date — and anything else is flagged for staff,
// never recorded. A denied, cancelled, revoked or expired order closes its application with an
// event. Then it counts the certificates whose free reissue has fallen due and, given a
// [KeySource], reissues them. Run it on a schedule; several processes may run it at once when
// the Store is a [Leaser].
//
// A pass works on a few items at once and hands out work only until its deadline
// (WithSyncLimits; each CA call has its own, WithCATimeout): what was due and not started is
// counted in SyncReport.Left for the next pass. It stops early, with the context's error, when
// ctx ends; what it did is kept.
func (s *Service) Sync(ctx context.Context) (SyncReport, error) {
	var rep SyncReport
	if s.ful.ca == nil {
		return rep, errNoCA
	}
	began := time.Now()
	if s.ful.tracer != nil {
		var span trace.Span
		ctx, span = s.ful.tracer.Start(ctx, "jstore.sync")
		defer span.End()
	}
	defer func() {
		s.logPass(ctx, rep, time.Since(began))
		s.ful.tel.pass(ctx, rep)
	}()
	open, stop := context.WithTimeout(ctx, s.ful.syncDeadline)
	defer stop()
	w := s.startWorkers(open)
	// Reissues first, the nearest to expiry first: a certificate about to expire must not wait
	// behind polling when the pass runs out of time or the CA's rate limit is taken.
	err := s.reissueDue(ctx, w, &rep)
	if err == nil {
		err = s.deploysDue(ctx, w)
	}
	if err == nil {
		err = s.eachDue(ctx, func(app Application) {
			if s.due(app, s.now()) {
				w.give(func(r *SyncReport) { s.syncOne(ctx, app, r) })
			}
		})
	}
	w.finish(&rep)
	if err == nil {
		err = s.settleInSync(ctx, &rep)
	}
	if err == nil && len(s.ful.notifiers) > 0 {
		// Last, on a second round of the workers, so that what this pass raised is told in it.
		tell := s.startWorkers(open)
		err = s.deliverAlerts(ctx, tell)
		tell.finish(&rep)
	}
	if err == nil {
		err = ctx.Err()
	}
	return rep, err
}

// eachDue calls fn for the applications due now — read through the store's DueLister when it
// has one, from every ordered application otherwise — a page at a time, until ctx ends.
func (s *Service) eachDue(ctx context.Context, fn func(Application)) error {
	now := s.now()
	var after Application
	for {
		var page []Application
		listed := true
		err := s.store.View(ctx, func(tx Tx) error {
			dl, ok := tx.(DueLister)
			if !ok {
				listed = false
				return nil
			}
			var err error
			page, err = dl.ListDueApplications(ctx, now, after, MaxPageLimit)
			return err
		})
		switch {
		case err != nil:
			return err
		case !listed:
			return s.eachOrdered(ctx, fn)
		}
		for _, app := range page {
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(app)
		}
		if len(page) < MaxPageLimit {
			return nil
		}
		after = page[len(page)-1]
	}
}

// eachOrdered calls fn for every ordered application, a page at a time, until ctx ends.
func (s *Service) eachOrdered(ctx context.Context, fn func(Application)) error {
	opts := ListOptions{Limit: MaxPageLimit}
	for {
		var page Page[Application]
		err := s.store.View(ctx, func(tx Tx) error {
			var err error
			page, err = tx.ListOrderedApplications(ctx, opts)
			return err
		})
		if err != nil {
			return err
		}
		for _, app := range page.Items {
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(app)
		}
		if page.Next == "" {
			return nil
		}
		opts.Cursor = page.Next
	}
}

// due reports whether Sync should act on app now.
func (s *Service) due(app Application, now time.Time) bool {
	d, ok := app.SyncDue()
	return ok && !now.Before(d)
}

func (s *Service) syncOne(ctx context.Context, app Application, rep *SyncReport) {
	if !s.due(app, s.now()) {
		return
	}
	if app.CAOrderID == "" {
		rep.Due++
		s.syncPlace(ctx, app, rep)
		return
	}
	app, ok := s.claimCheck(ctx, app)
	if !ok {
		return
	}
	rep.Due++
	rep.Asked++
	st, err := s.ful.ca.OrderStatus(ctx, app.CAOrderID)
	if err != nil {
		rep.Failed++
		rep.issue(app, StepStatus, err)
		s.reschedule(ctx, app)
		return
	}
	if st.State == CAIssued && app.Kind != AppNew && !s.newSerial(ctx, app, st) {
		st.State = CAPending // the certificate the lineage holds already; the new one is to come
	}
	if len(app.Published) > 0 && st.State != CAPending && st.State != CAUnknown {
		// Validated or ended: what was published goes before the application leaves the
		// ordered list, the only place a later pass would find it.
		if s.ful.publish == nil {
			rep.issue(app, StepCleanup, errNoPublisher)
		} else if err := s.removePublished(ctx, app); err != nil {
			rep.Failed++
			rep.issue(app, StepCleanup, err)
			s.reschedule(ctx, app)
			return
		}
	}
	switch st.State {
	case CAIssued:
		s.fetchAndRecord(ctx, app, rep)
	case CAPending, CAUnknown:
		switch {
		case st.State == CAPending && s.publishes(app):
			s.autoValidate(ctx, app, rep)
		case st.State == CAPending:
			app = s.dcvWaiting(ctx, app, rep)
		}
		if se := s.stalled(app, s.now()); se != nil {
			rep.issue(app, StepStatus, se)
		}
		s.reschedule(ctx, app)
	default:
		if err := s.closeUpstream(ctx, app, st); err != nil {
			rep.issue(app, StepClose, err)
		} else {
			rep.Closed++
		}
	}
}

// syncPlace places an ordered application that has no CA order yet; placement re-reads it and
// takes its own right to act. Placing is a customer's order going out — one CompleteOrder left
// to Sync when the CA's rate limit was taken — so it goes in the person's lane, ahead of polling.
func (s *Service) syncPlace(ctx context.Context, app Application, rep *SyncReport) {
	switch outcome, err := s.place(interactive(ctx, 0), app.Account, app.ID, false); {
	case outcome == placePlaced || outcome == placeAdopted:
		rep.Placed++
	case err != nil:
		rep.Failed++
		rep.issue(app, StepPlace, err)
	case outcome == placeUnknown:
		rep.Failed++
		rep.issue(app, StepPlace, ErrCAOutcomeUnknown)
	case outcome == placeRetry:
		rep.Failed++
		rep.issue(app, StepPlace, ErrCAUnavailable)
	}
}

// claimCheck takes a placed application for this check: it reads it again and, if it is still
// ordered and due, moves its next check past the lease in the same transaction. Another process
// or pass that listed it too finds it no longer due and leaves it; a crash leaves it due again
// once the lease lapses. reschedule then sets the real next check.
func (s *Service) claimCheck(ctx context.Context, listed Application) (Application, bool) {
	var app Application
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if app, err = tx.GetApplication(ctx, listed.Account, listed.ID); err != nil {
			return err
		}
		now := s.now()
		if app.Status != StatusOrdered || app.CAOrderID == "" || !s.due(app, now) {
			return errSkip
		}
		app.NextCheck = now.UTC().Add(s.ful.lease)
		return tx.UpdateApplication(ctx, &app)
	})
	return app, err == nil
}

// newSerial reports whether the order's current certificate is another than the one a renewal's
// or reissue's lineage holds.
func (s *Service) newSerial(ctx context.Context, app Application, st CAStatus) bool {
	c, err := s.GetCertificate(ctx, app.Account, app.Certificate)
	return err == nil && st.SerialHex != "" && !strings.EqualFold(st.SerialHex, c.SerialHex)
}

// leaseWork takes key for this Service when the Store shares work; release gives it back.
func (s *Service) leaseWork(ctx context.Context, key string) (release func(), ok bool) {
	l, shared := s.store.(Leaser)
	if !shared {
		return func() {}, true
	}
	holder := s.holder()
	got, err := l.Lease(ctx, key, holder, s.now(), s.ful.lease)
	if err != nil || !got {
		return nil, false
	}
	return func() { _ = l.Release(context.WithoutCancel(ctx), key, holder) }, true
}

// reschedule sets the application's next check, doubling the wait each time up to the cap; an
// order whose callbacks arrive waits for them, read only as a safety net. app is as this check
// claimed it; when something else wrote it since (a callback, a publication), the current one
// is read and rescheduled instead.
func (s *Service) reschedule(ctx context.Context, app Application) {
	err := s.store.Update(ctx, func(tx Tx) error {
		next := s.nextCheck(app)
		return tx.UpdateApplication(ctx, &next)
	})
	if !errors.Is(err, ErrConflict) {
		return
	}
	_ = s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil || cur.Status != StatusOrdered {
			return err
		}
		next := s.nextCheck(cur)
		return tx.UpdateApplication(ctx, &next)
	})
}

// nextCheck is app with its check counted and the next one set.
func (s *Service) nextCheck(app Application) Application {
	wait := s.backoff(app.Checks)
	if !app.CallbackAt.IsZero() {
		wait = s.ful.callbackPoll // the CA says when something happens
	}
	if !app.WaitingNoticeAt.IsZero() {
		wait = max(wait, s.ful.callbackPoll) // the customer was told; their 今すぐ確認 makes it due
	}
	if s.stalled(app, s.now()) != nil {
		wait = max(wait, 24*time.Hour) // reported each day; no reason to ask hourly
	}
	app.Checks++
	app.NextCheck = s.now().UTC().Add(wait)
	return app
}

// backoff is the wait after n tries that did not get anywhere: WithSyncBackoff's first wait,
// doubling with each, up to its longest. Order checks and deployment retries share it.
func (s *Service) backoff(n int) time.Duration {
	wait := s.ful.backoff[0]
	for range min(n, 30) {
		if wait *= 2; wait >= s.ful.backoff[1] {
			return s.ful.backoff[1]
		}
	}
	return wait
}

// fetchAndRecord downloads what the CA issued, verifies it, and records it or flags it.
func (s *Service) fetchAndRecord(ctx context.Context, app Application, rep *SyncReport) {
	b, err := s.ful.ca.Download(ctx, app.CAOrderID)
	if err != nil {
		rep.Failed++
		rep.issue(app, StepDownload, err)
		s.reschedule(ctx, app)
		return
	}
	leaf, fe := s.verifyIssued(app, b)
	if fe != nil {
		if err := s.flag(ctx, app, fe); err != nil {
			rep.issue(app, StepVerify, errors.Join(fe, err))
			return
		}
		rep.Flagged++
		rep.issue(app, StepVerify, fe)
		return
	}
	c, err := s.record(ctx, app.Account, app.ID, leaf, Issuance{ChainPEM: chainPEM(b)})
	if err != nil {
		rep.Failed++
		rep.issue(app, StepRecord, err)
		return
	}
	s.logRecorded(ctx, app, c)
	rep.Issued++
}

// flag keeps what the CA issued out of the record and tells staff why.
func (s *Service) flag(ctx context.Context, app Application, fe *FlagError) error {
	why := fe.Detail
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil {
			return err
		}
		cur.Flag = why
		if err := tx.UpdateApplication(ctx, &cur); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: app.Account, Type: EventIssuanceFlagged, Application: app.ID,
			Detail: map[string]string{"reason": why, "code": fe.Code, "ca_order": string(app.CAOrderID)}})
	})
}

// closeUpstream closes an application whose order the CA ended before it was recorded.
func (s *Service) closeUpstream(ctx context.Context, app Application, st CAStatus) error {
	reason := caEndedPrefix + string(st.State)
	if st.DeniedReason != "" {
		reason += ": " + st.DeniedReason
	}
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, app.Account, app.ID)
		if err != nil || cur.Status != StatusOrdered {
			return err
		}
		if err := s.cancelOrdered(ctx, tx, cur, reason); err != nil {
			return err
		}
		if cur.Certificate == "" || !cur.CarryOver {
			return nil
		}
		// A replacement that will never issue releases the certificate it locked.
		c, err := tx.GetCertificate(ctx, cur.Account, cur.Certificate)
		if err != nil || c.LockedBy != cur.ID {
			return err
		}
		c.LockedBy = ""
		if err := tx.UpdateCertificate(ctx, &c); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: cur.Account, Type: EventCertificateUnlocked, Application: cur.ID, Certificate: c.ID})
	})
}
