package memstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// applications describes applications to the generic operations; setApp keeps their indexes.
func applications() kind[jstore.ApplicationID, jstore.Application] {
	return kind[jstore.ApplicationID, jstore.Application]{
		name:    "application",
		tbl:     func(s *Store) *table[jstore.ApplicationID, jstore.Application] { return &s.applications },
		key:     func(a *jstore.Application) jstore.ApplicationID { return a.ID },
		account: func(a *jstore.Application) jstore.AccountID { return a.Account },
		version: func(a *jstore.Application) *int64 { return &a.Version },
		clone:   cloneApp,
		set:     (*tx).setApp,
	}
}

func (t *tx) CreateApplication(ctx context.Context, a *jstore.Application) error {
	return applications().create(ctx, t, a)
}

func (t *tx) GetApplication(ctx context.Context, account jstore.AccountID, id jstore.ApplicationID) (jstore.Application, error) {
	return applications().get(ctx, t, account, id)
}

func (t *tx) UpdateApplication(ctx context.Context, a *jstore.Application) error {
	return applications().update(ctx, t, a)
}

func (t *tx) DeleteApplication(ctx context.Context, account jstore.AccountID, id jstore.ApplicationID, version int64) error {
	return applications().delete(ctx, t, account, id, version)
}

func (t *tx) ListApplications(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	return applications().list(ctx, t, account, opts)
}

// setApp moves the table and its indexes (the cart, the ordered list, the CA orders) from one
// row state to another; nil is "absent". Its inverse is setApp(to, from).
func (t *tx) setApp(from, to *row[jstore.Application]) {
	tbl := t.s.applications
	if from != nil {
		delete(tbl.rows, from.v.ID)
		if to == nil {
			tbl.list(from.account).remove(from.seq)
		}
		if from.v.InCart() && (to == nil || !to.v.InCart()) {
			t.s.cart[from.account].remove(from.seq)
		}
		// The cross-account indexes move only when their key changes: Sync rewrites an
		// ordered application often, and the ordered list is long.
		if from.v.Status == jstore.StatusOrdered && (to == nil || to.v.Status != jstore.StatusOrdered) {
			t.s.ordered.remove(from.seq)
		}
		if from.v.CAOrderID != "" && from.v.Kind == jstore.AppNew && (to == nil || to.v.CAOrderID != from.v.CAOrderID) {
			delete(t.s.caOrders, from.v.CAOrderID)
		}
		if d, ok := from.v.SyncDue(); ok {
			t.s.syncDue.remove(d, from.v.ID)
		}
	}
	if to != nil {
		tbl.rows[to.v.ID] = *to
		if from == nil {
			tbl.list(to.account).insert(to.seq, to.v.ID)
		}
		if to.v.InCart() && (from == nil || !from.v.InCart()) {
			c := t.s.cart[to.account]
			if c == nil {
				c = &ordered[jstore.ApplicationID]{}
				t.s.cart[to.account] = c
			}
			c.insert(to.seq, to.v.ID)
		}
		if to.v.Status == jstore.StatusOrdered && (from == nil || from.v.Status != jstore.StatusOrdered) {
			t.s.ordered.insert(to.seq, appRef{to.account, to.v.ID})
		}
		if to.v.CAOrderID != "" && to.v.Kind == jstore.AppNew {
			t.s.caOrders[to.v.CAOrderID] = appRef{to.account, to.v.ID}
		}
		if d, ok := to.v.SyncDue(); ok {
			t.s.syncDue.add(d, to.v.ID)
		}
	}
}

func (t *tx) ListOrderedApplications(ctx context.Context, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Application]{}, err
	}
	refs, next, err := t.s.ordered.page(opts)
	if err != nil {
		return jstore.Page[jstore.Application]{}, err
	}
	items := make([]jstore.Application, len(refs))
	for i, r := range refs {
		items[i] = cloneApp(t.s.applications.rows[r.id].v)
	}
	return jstore.Page[jstore.Application]{Items: items, Next: next}, nil
}

// ListDueApplications implements jstore.DueLister from the index by SyncDue.
func (t *tx) ListDueApplications(ctx context.Context, at time.Time, after jstore.Application, limit int) ([]jstore.Application, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > jstore.MaxPageLimit {
		limit = jstore.MaxPageLimit
	}
	var ids []jstore.ApplicationID
	if after.ID == "" {
		ids = t.s.syncDue.first(limit, at)
	} else {
		d, _ := after.SyncDue()
		ids = t.s.syncDue.after(key(d), after.ID, at, limit)
	}
	out := make([]jstore.Application, len(ids))
	for i, id := range ids {
		out[i] = cloneApp(t.s.applications.rows[id].v)
	}
	return out, nil
}

func (t *tx) FindApplicationByCAOrder(ctx context.Context, id jstore.CAOrderID) (jstore.Application, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Application{}, err
	}
	r, ok := t.s.caOrders[id]
	if !ok || id == "" {
		return jstore.Application{}, jstore.ErrNotFound
	}
	return cloneApp(t.s.applications.rows[r.id].v), nil
}

func (t *tx) ListOpenApplications(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Application], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Application]{}, err
	}
	var keys []jstore.ApplicationID
	next := ""
	if c := t.s.cart[account]; c != nil {
		var err error
		if keys, next, err = c.page(opts); err != nil {
			return jstore.Page[jstore.Application]{}, err
		}
	} else if _, err := opts.EffectiveLimit(); err != nil {
		return jstore.Page[jstore.Application]{}, err
	}
	items := make([]jstore.Application, len(keys))
	for i, k := range keys {
		items[i] = cloneApp(t.s.applications.rows[k].v)
	}
	return jstore.Page[jstore.Application]{Items: items, Next: next}, nil
}
