package memstore

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.BillingQueue = (*tx)(nil)

// NoteBillDue implements jstore.BillingQueue.
func (t *tx) NoteBillDue(ctx context.Context, d jstore.BillDue) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if d.Key == "" || d.Account == "" {
		return missingKey("bill")
	}
	if _, ok := t.s.billsDue[d.Key]; ok {
		return nil
	}
	t.s.billsDue[d.Key] = d
	t.undo = append(t.undo, func() { delete(t.s.billsDue, d.Key) })
	return nil
}

// GetBillDue implements jstore.BillingQueue.
func (t *tx) GetBillDue(ctx context.Context, key string) (jstore.BillDue, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.BillDue{}, err
	}
	d, ok := t.s.billsDue[key]
	if !ok {
		return jstore.BillDue{}, jstore.ErrNotFound
	}
	return d, nil
}

// ListBillsDue implements jstore.BillingQueue. Only the bills due are kept, and they are
// settled as they are noted, so sorting them is sorting a handful.
func (t *tx) ListBillsDue(ctx context.Context, limit int) ([]jstore.BillDue, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	due := slices.SortedFunc(maps.Values(t.s.billsDue), func(a, b jstore.BillDue) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Key, b.Key))
	})
	return due[:min(len(due), max(limit, 0))], nil
}

// DoneBill implements jstore.BillingQueue.
func (t *tx) DoneBill(ctx context.Context, key string) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	d, ok := t.s.billsDue[key]
	if !ok {
		return nil
	}
	delete(t.s.billsDue, key)
	t.undo = append(t.undo, func() { t.s.billsDue[key] = d })
	return nil
}
