package sqlstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.AlertOutbox = (*tx)(nil)

func setAlertVersion(a *jstore.Alert, v int64) { a.Version = v }

// alertIndex is an alert's indexed values: its key while it is open (NULL after, freeing the
// cause for a new alert) and its next delivery while one is due.
func alertIndex(a jstore.Alert) (openKey, due any) {
	if a.Open() {
		openKey = a.Key
	}
	if at, ok := a.DeliveryDue(); ok {
		due = nanos(at)
	}
	return openKey, due
}

// OpenAlert implements jstore.AlertOutbox: the unique index on (account, open_key) keeps one
// open alert per cause, also between processes.
func (t *tx) OpenAlert(ctx context.Context, a *jstore.Alert) (bool, error) {
	if err := t.check(ctx, true); err != nil {
		return false, err
	}
	if a.ID == "" || a.Key == "" {
		return false, missingKey("alert")
	}
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return false, err
	}
	stored := *a
	stored.Version = 1
	data, err := encode(stored)
	if err != nil {
		return false, err
	}
	openKey, due := alertIndex(stored)
	n, err := t.exec(ctx, `INSERT INTO alerts (id, account, seq, version, open_key, due, data) VALUES (?, ?, ?, 1, ?, ?, ?)
		ON CONFLICT (account, open_key) DO NOTHING`, a.ID, a.Account, seq, openKey, due, data)
	if err != nil {
		return false, t.s.d.constraint(err)
	}
	if n == 1 {
		a.Version = 1
	}
	return n == 1, nil
}

// GetOpenAlert implements jstore.AlertOutbox.
func (t *tx) GetOpenAlert(ctx context.Context, account jstore.AccountID, key string) (jstore.Alert, error) {
	return getRecord(ctx, t, setAlertVersion, `SELECT data, version FROM alerts WHERE account = ? AND open_key = ?`, account, key)
}

// GetAlert implements jstore.AlertOutbox.
func (t *tx) GetAlert(ctx context.Context, account jstore.AccountID, id jstore.AlertID) (jstore.Alert, error) {
	return getRecord(ctx, t, setAlertVersion, `SELECT data, version FROM alerts WHERE id = ? AND account = ?`, id, account)
}

// UpdateAlert implements jstore.AlertOutbox.
func (t *tx) UpdateAlert(ctx context.Context, a *jstore.Alert) error {
	openKey, due := alertIndex(*a)
	return update(ctx, t, a, a.Version, setAlertVersion, `UPDATE alerts SET version = ?, open_key = ?, due = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		func(data string, next int64) []any {
			return []any{next, openKey, due, data, a.ID, a.Account, a.Version}
		},
		`SELECT 1 FROM alerts WHERE id = ? AND account = ?`, a.ID, a.Account)
}

// ListAlertsDue implements jstore.AlertOutbox.
func (t *tx) ListAlertsDue(ctx context.Context, at time.Time, limit int) ([]jstore.Alert, error) {
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	return listRecords(ctx, t, setAlertVersion, qListAlertsDue, nanos(at), limit)
}

// ListAlerts implements jstore.AlertOutbox.
func (t *tx) ListAlerts(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Alert], error) {
	return listPage(ctx, t, opts, setAlertVersion, qListAlerts, account)
}
