package jstore

import (
	"context"
	"errors"
	"strconv"
)

// Alert events: each raising and clearing is in the history beside its cause.
const (
	EventAlertRaised  EventType = "alert.raised"  // Detail: kind, key, code
	EventAlertCleared EventType = "alert.cleared" // Detail: kind, key
)

// raise opens a in tx unless an alert of the same cause is open; without notifiers, or on a
// store that keeps no alerts, it does nothing (Sync then reports ErrNoAlertStore).
func (s *Service) raise(ctx context.Context, tx Tx, a Alert) error {
	ob, ok := tx.(AlertOutbox)
	if len(s.ful.notifiers) == 0 || !ok {
		return nil
	}
	now := s.now().UTC()
	a.ID, a.RaisedAt = AlertID(newID("alr_")), now
	a.Key = string(a.Kind) + ":" + a.Key
	a.Deliveries = make([]AlertDelivery, 0, len(s.ful.notifierNames))
	for _, name := range s.ful.notifierNames {
		a.Deliveries = append(a.Deliveries, AlertDelivery{Notifier: name, NextTry: now})
	}
	opened, err := ob.OpenAlert(ctx, &a)
	if err != nil || !opened {
		return err
	}
	s.logAlert(ctx, "alert raised", a)
	if a.Account == "" {
		return nil // the panel's own: no account's history to keep it in
	}
	return tx.AppendEvent(ctx, &Event{Account: a.Account, At: now, Type: EventAlertRaised, Application: a.Application, Certificate: a.Certificate,
		Detail: map[string]string{"kind": string(a.Kind), "key": a.Key, "code": a.Code, "alert": string(a.ID)}})
}

// clear closes the open alert of account for kind and key, if there is one: each notifier
// that took the raising is told of the clearing.
func (s *Service) clear(ctx context.Context, tx Tx, account AccountID, kind AlertKind, key string) error {
	ob, ok := tx.(AlertOutbox)
	if len(s.ful.notifiers) == 0 || !ok {
		return nil
	}
	a, err := ob.GetOpenAlert(ctx, account, string(kind)+":"+key)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	now := s.now().UTC()
	a.ClearedAt = now
	for i := range a.Deliveries {
		d := &a.Deliveries[i]
		if d.Raised.IsZero() {
			// Never told: it need not hear of the alert at all.
			d.Raised, d.Cleared = now, now
			continue
		}
		d.Attempts, d.NextTry, d.LastError = 0, now, ""
	}
	if err := ob.UpdateAlert(ctx, &a); err != nil {
		return err
	}
	s.logAlert(ctx, "alert cleared", a)
	if a.Account == "" {
		return nil
	}
	return tx.AppendEvent(ctx, &Event{Account: a.Account, At: now, Type: EventAlertCleared, Application: a.Application, Certificate: a.Certificate,
		Detail: map[string]string{"kind": string(a.Kind), "key": a.Key, "alert": string(a.ID)}})
}

// Keys of the causes: what each kind of alert is about.
func appKey(app ApplicationID) string                   { return string(app) }
func domainKey(app ApplicationID, domain string) string { return string(app) + ":" + domain }
func targetKey(c CertificateID, target string) string   { return string(c) + ":" + target }
func expiryKey(c CertificateID, target string, days int) string {
	return targetKey(c, target) + ":" + strconv.Itoa(days)
}

// caCredentialsKey is the one cause of AlertCACredentials.
const caCredentialsKey = "ca"
