package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func (t *tx) CreateOrder(ctx context.Context, o *jstore.Order) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if o.ID == "" || o.Account == "" {
		return missingKey("order")
	}
	if _, ok := t.s.orders.rows[o.ID]; ok {
		return jstore.ErrExists
	}
	if _, ok := t.s.accounts[o.Account]; !ok {
		return jstore.ErrNotFound
	}
	o.Version = 1
	r := row[jstore.Order]{seq: t.nextSeq(), account: o.Account, v: cloneOrder(*o)}
	t.s.orders.rows[o.ID] = r
	t.s.orders.list(o.Account).add(r.seq, o.ID)
	t.undo = append(t.undo, func() {
		delete(t.s.orders.rows, r.v.ID)
		t.s.orders.list(r.account).remove(r.seq)
	})
	return nil
}

func (t *tx) GetOrder(ctx context.Context, account jstore.AccountID, id jstore.OrderID) (jstore.Order, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Order{}, err
	}
	r, ok := t.s.orders.get(account, id)
	if !ok {
		return jstore.Order{}, jstore.ErrNotFound
	}
	return cloneOrder(r.v), nil
}

func (t *tx) ListOrders(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Order], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Order]{}, err
	}
	keys, next, err := t.s.orders.view(account).page(opts)
	if err != nil {
		return jstore.Page[jstore.Order]{}, err
	}
	items := make([]jstore.Order, len(keys))
	for i, k := range keys {
		items[i] = cloneOrder(t.s.orders.rows[k].v)
	}
	return jstore.Page[jstore.Order]{Items: items, Next: next}, nil
}
