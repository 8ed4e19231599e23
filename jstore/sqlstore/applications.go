package sqlstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

func setAppVersion(a *jstore.Application, v int64) { a.Version = v }

// appColumns are the columns an application's queries and counters read.
func appColumns(a jstore.Application) (status string, inCart bool, caOrder, syncDue any) {
	if a.CAOrderID != "" && a.Kind == jstore.AppNew {
		caOrder = string(a.CAOrderID)
	}
	if d, ok := a.SyncDue(); ok {
		syncDue = nanos(d)
	}
	return string(a.Status), a.InCart(), caOrder, syncDue
}

func (t *tx) CreateApplication(ctx context.Context, a *jstore.Application) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if a.ID == "" || a.Account == "" {
		return missingKey("application")
	}
	status, inCart, caOrder, syncDue := appColumns(*a)
	return create(ctx, t, a, setAppVersion, `INSERT INTO applications (id, account, seq, version, status, in_cart, ca_order, sync_due, data) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)`,
		func(seq int64, data string) []any {
			return []any{a.ID, a.Account, seq, status, inCart, caOrder, syncDue, data}
		})
}

func (t *tx) GetApplication(ctx context.Context, account jstore.AccountID, id jstore.ApplicationID) (jstore.Application, error) {
	return getRecord(ctx, t, setAppVersion, `SELECT data, version FROM applications WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) UpdateApplication(ctx context.Context, a *jstore.Application) error {
	status, inCart, caOrder, syncDue := appColumns(*a)
	return update(ctx, t, a, a.Version, setAppVersion, `UPDATE applications SET version = ?, status = ?, in_cart = ?, ca_order = ?, sync_due = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		func(data string, next int64) []any {
			return []any{next, status, inCart, caOrder, syncDue, data, a.ID, a.Account, a.Version}
		},
		`SELECT 1 FROM applications WHERE id = ? AND account = ?`, a.ID, a.Account)
}

func (t *tx) DeleteApplication(ctx context.Context, account jstore.AccountID, id jstore.ApplicationID, version int64) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	n, err := t.exec(ctx, `DELETE FROM applications WHERE id = ? AND account = ? AND version = ?`, id, account, version)
	if err != nil {
		return err
	}
	return t.updated(ctx, n, `SELECT 1 FROM applications WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) ListApplications(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	return listPage(ctx, t, opts, setAppVersion, qListApplications, account)
}

func (t *tx) CountOpenApplications(ctx context.Context, account jstore.AccountID) (int, error) {
	return t.count(ctx, qCountOpen, account)
}

func (t *tx) ListOpenApplications(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	return listPage(ctx, t, opts, setAppVersion, qListCart, account)
}

func (t *tx) ListOrderedApplications(ctx context.Context, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	return listPage(ctx, t, opts, setAppVersion, qListOrdered)
}

// ListDueApplications implements jstore.DueLister on the sync_due index.
func (t *tx) ListDueApplications(ctx context.Context, at time.Time, after jstore.Application, limit int) ([]jstore.Application, error) {
	if limit <= 0 || limit > jstore.MaxPageLimit {
		limit = jstore.MaxPageLimit
	}
	if after.ID == "" {
		return listRecords(ctx, t, setAppVersion, qListDue, nanos(at), limit)
	}
	d, _ := after.SyncDue()
	return listRecords(ctx, t, setAppVersion, qListDueAfter, nanos(at), nanos(d), nanos(d), after.ID, limit)
}

func (t *tx) FindApplicationByCAOrder(ctx context.Context, id jstore.CAOrderID) (jstore.Application, error) {
	if id == "" {
		return jstore.Application{}, jstore.ErrNotFound
	}
	return getRecord(ctx, t, setAppVersion, qFindByCAOrder, id)
}

// count runs a COUNT query.
func (t *tx) count(ctx context.Context, q string, args ...any) (int, error) {
	if err := t.check(ctx, false); err != nil {
		return 0, err
	}
	var n int
	err := t.scanRow(ctx, q, args, &n)
	return n, err
}
