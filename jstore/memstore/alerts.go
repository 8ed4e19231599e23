package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.AlertOutbox = (*tx)(nil)

// openRef is an open alert's cause.
type openRef struct {
	account jstore.AccountID
	key     string
}

// alerts describes alerts to the generic operations; setAlert keeps their indexes. Unlike
// the other records, an alert may belong to no account: the panel's own.
func alerts() kind[jstore.AlertID, jstore.Alert] {
	return kind[jstore.AlertID, jstore.Alert]{
		name:    "alert",
		tbl:     func(s *Store) *table[jstore.AlertID, jstore.Alert] { return &s.alerts },
		key:     func(a *jstore.Alert) jstore.AlertID { return a.ID },
		account: func(a *jstore.Alert) jstore.AccountID { return a.Account },
		version: func(a *jstore.Alert) *int64 { return &a.Version },
		clone:   cloneAlert,
		set:     (*tx).setAlert,
	}
}

func cloneAlert(a jstore.Alert) jstore.Alert {
	a.Names = slices.Clone(a.Names)
	a.Deliveries = slices.Clone(a.Deliveries)
	return a
}

// OpenAlert implements jstore.AlertOutbox.
func (t *tx) OpenAlert(ctx context.Context, a *jstore.Alert) (bool, error) {
	if err := t.check(ctx, true); err != nil {
		return false, err
	}
	if a.ID == "" || a.Key == "" {
		return false, missingKey("alert")
	}
	if _, open := t.s.openAlerts[openRef{a.Account, a.Key}]; open {
		return false, nil
	}
	if _, ok := t.s.alerts.rows[a.ID]; ok {
		return false, jstore.ErrExists
	}
	a.Version = 1
	r := row[jstore.Alert]{seq: t.nextSeq(), account: a.Account, v: cloneAlert(*a)}
	t.setAlert(nil, &r)
	t.undo = append(t.undo, func() { t.setAlert(&r, nil) })
	return true, nil
}

// GetOpenAlert implements jstore.AlertOutbox.
func (t *tx) GetOpenAlert(ctx context.Context, account jstore.AccountID, key string) (jstore.Alert, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Alert{}, err
	}
	id, ok := t.s.openAlerts[openRef{account, key}]
	if !ok {
		return jstore.Alert{}, jstore.ErrNotFound
	}
	return cloneAlert(t.s.alerts.rows[id].v), nil
}

// GetAlert implements jstore.AlertOutbox.
func (t *tx) GetAlert(ctx context.Context, account jstore.AccountID, id jstore.AlertID) (jstore.Alert, error) {
	return alerts().get(ctx, t, account, id)
}

// UpdateAlert implements jstore.AlertOutbox.
func (t *tx) UpdateAlert(ctx context.Context, a *jstore.Alert) error {
	return alerts().update(ctx, t, a)
}

// ListAlertsDue implements jstore.AlertOutbox.
func (t *tx) ListAlertsDue(ctx context.Context, at time.Time, limit int) ([]jstore.Alert, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	ids := t.s.alertsDue.first(limit, at)
	out := make([]jstore.Alert, len(ids))
	for i, id := range ids {
		out[i] = cloneAlert(t.s.alerts.rows[id].v)
	}
	return out, nil
}

// ListAlerts implements jstore.AlertOutbox.
func (t *tx) ListAlerts(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Alert], error) {
	return alerts().list(ctx, t, account, opts)
}

// setAlert moves an alert between states in its table, the open causes and the delivery index.
func (t *tx) setAlert(from, to *row[jstore.Alert]) {
	setRow(&t.s.alerts, func(a *jstore.Alert) jstore.AlertID { return a.ID }, from, to)
	if from != nil {
		if from.v.Open() {
			delete(t.s.openAlerts, openRef{from.v.Account, from.v.Key})
		}
		if due, ok := from.v.DeliveryDue(); ok {
			t.s.alertsDue.remove(due, from.v.ID)
		}
	}
	if to != nil {
		if to.v.Open() {
			t.s.openAlerts[openRef{to.v.Account, to.v.Key}] = to.v.ID
		}
		if due, ok := to.v.DeliveryDue(); ok {
			t.s.alertsDue.add(due, to.v.ID)
		}
	}
}
