package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

// orders describes orders to the generic operations.
func orders() kind[jstore.OrderID, jstore.Order] {
	return kind[jstore.OrderID, jstore.Order]{
		name:    "order",
		tbl:     func(s *Store) *table[jstore.OrderID, jstore.Order] { return &s.orders },
		key:     func(o *jstore.Order) jstore.OrderID { return o.ID },
		account: func(o *jstore.Order) jstore.AccountID { return o.Account },
		version: func(o *jstore.Order) *int64 { return &o.Version },
		clone:   cloneOrder,
		set: func(t *tx, from, to *row[jstore.Order]) {
			setRow(&t.s.orders, func(o *jstore.Order) jstore.OrderID { return o.ID }, from, to)
		},
	}
}

func (t *tx) CreateOrder(ctx context.Context, o *jstore.Order) error {
	return orders().create(ctx, t, o)
}

func (t *tx) GetOrder(ctx context.Context, account jstore.AccountID, id jstore.OrderID) (jstore.Order, error) {
	return orders().get(ctx, t, account, id)
}

func (t *tx) ListOrders(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Order], error) {
	return orders().list(ctx, t, account, opts)
}
