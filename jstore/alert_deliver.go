package jstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/message"
)

// alertBatch bounds the alerts one Sync pass delivers.
const alertBatch = 200

// deliverAlerts hands each alert due to the pass's workers, which tell the notifiers that have
// not taken it, each call bounded by WithNotifyTimeout; none starts after the pass's deadline.
func (s *Service) deliverAlerts(ctx context.Context, w *syncWorkers) error {
	var due []Alert
	err := s.store.View(ctx, func(tx Tx) error {
		ob, ok := tx.(AlertOutbox)
		if !ok {
			return ErrNoAlertStore
		}
		var err error
		due, err = ob.ListAlertsDue(ctx, s.now(), alertBatch)
		return err
	})
	if err != nil {
		return err
	}
	for _, a := range due {
		w.give(func(r *SyncReport) { s.deliverAlert(ctx, a, r) })
	}
	return nil
}

// deliverAlert tells each notifier due its part of a — the raising, or the clearing once the
// raising was taken — and records what each did.
func (s *Service) deliverAlert(ctx context.Context, listed Alert, rep *SyncReport) {
	release, ok := s.leaseWork(ctx, "alert:"+string(listed.ID))
	if !ok {
		return
	}
	defer release()
	var a Alert
	var customer *CustomerInfo
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if a, err = tx.(AlertOutbox).GetAlert(ctx, listed.Account, listed.ID); err != nil || a.Account == "" {
			return err
		}
		acct, err := tx.GetAccount(ctx, a.Account)
		customer = &acct.Customer
		return err
	})
	if err != nil {
		rep.issueAlert(listed, err)
		return
	}
	now := s.now()
	results := map[string]sent{}
	for _, d := range a.Deliveries {
		n, known := s.ful.notifiers[d.Notifier]
		switch {
		case !d.Raised.IsZero() && (a.Open() || !d.Cleared.IsZero()), d.NextTry.After(now):
			continue
		case !known:
			results[d.Notifier] = sent{gone: true}
			continue
		}
		call, cancel := context.WithTimeout(ctx, s.ful.notifyTimeout)
		cleared := !d.Raised.IsZero()
		results[d.Notifier] = sent{cleared: cleared, err: n.Notify(call, Notice{Alert: a, Cleared: cleared, Customer: customer})}
		cancel()
	}
	if len(results) == 0 {
		return
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		ob := tx.(AlertOutbox)
		cur, err := ob.GetAlert(ctx, a.Account, a.ID)
		if err != nil {
			return err
		}
		for i := range cur.Deliveries {
			d := &cur.Deliveries[i]
			r, tried := results[d.Notifier]
			switch {
			case !tried:
			case r.gone:
				d.Raised, d.Cleared = now, now
			case r.err != nil:
				d.Attempts++
				d.NextTry, d.LastError = now.Add(s.backoff(d.Attempts-1)), deploy.Cut([]byte(r.err.Error()))
			case !r.cleared:
				// It took the raising. Cleared meanwhile, it is told of the clearing next, even if
				// the clearing took it for a notifier never told.
				d.Raised, d.Cleared, d.Attempts, d.LastError, d.NextTry = now, time.Time{}, 0, "", now
			default:
				d.Cleared, d.Attempts, d.LastError = now, 0, ""
			}
		}
		return ob.UpdateAlert(ctx, &cur)
	})
	if err != nil {
		rep.issueAlert(a, err)
		return
	}
	for name, r := range results {
		switch {
		case r.gone:
		case r.err != nil:
			s.ful.tel.count(ctx, cNotifications, "notifier="+name+"/failed")
			rep.issueAlert(a, &NotifyError{Notifier: name, Alert: a.ID, Err: r.err})
		default:
			s.ful.tel.count(ctx, cNotifications, "notifier="+name+"/ok")
			rep.Alerted++
		}
	}
}

// sent is what one notifier was given and what it answered; gone, for a notifier the panel no
// longer has, means nothing was sent and nothing will be.
type sent struct {
	cleared bool
	err     error
	gone    bool
}

// issueAlert notes an alert a notifier could not take.
func (rep *SyncReport) issueAlert(a Alert, err error) {
	rep.Failed++
	rep.issue(Application{Account: a.Account, ID: a.Application, Certificate: a.Certificate}, StepAlert, err)
}

// NotifyError is a notifier's failure to take an alert; Sync tries again after the back-off.
type NotifyError struct {
	Notifier string
	Alert    AlertID
	Err      error
}

func (e *NotifyError) Error() string {
	return "jstore: notifier " + e.Notifier + " did not take alert " + string(e.Alert) + ": " + e.Err.Error()
}

func (e *NotifyError) Unwrap() error { return e.Err }

// Message says in lang which notifier failed.
func (e *NotifyError) Message(lang message.Lang) string {
	return message.Text{JA: "通知先「{notifier}」に通知できませんでした。", EN: "the notifier {notifier} could not be told"}.
		Render(lang, []message.Arg{message.With("notifier", message.Literal(e.Notifier))})
}
