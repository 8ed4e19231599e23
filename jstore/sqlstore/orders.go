package sqlstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func setOrderVersion(o *jstore.Order, v int64) { o.Version = v }

func (t *tx) CreateOrder(ctx context.Context, o *jstore.Order) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if o.ID == "" || o.Account == "" {
		return missingKey("order")
	}
	return create(ctx, t, o, setOrderVersion, `INSERT INTO orders (id, account, seq, version, data) VALUES (?, ?, ?, 1, ?)`,
		func(seq int64, data string) []any { return []any{o.ID, o.Account, seq, data} })
}

func (t *tx) GetOrder(ctx context.Context, account jstore.AccountID, id jstore.OrderID) (jstore.Order, error) {
	return getRecord(ctx, t, setOrderVersion, `SELECT data, version FROM orders WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) ListOrders(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Order], error) {
	return listPage(ctx, t, opts, setOrderVersion, `SELECT seq, data, version FROM orders WHERE account = ?`, account)
}
