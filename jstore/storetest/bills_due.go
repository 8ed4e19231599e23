package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testBillsDue: a bill is noted once per key, listed oldest first (by key at one instant)
// across accounts up to the limit, read back whole, and gone once done; a rolled-back note
// leaves nothing.
func testBillsDue(t *testing.T, s jstore.Store) {
	ctx := t.Context()
	a, b := jstore.AccountID(id("acc")), jstore.AccountID(id("acc"))
	o := jstore.OrderID(id("ord"))
	invoice := jstore.BillDue{Key: string(o), Kind: jstore.BillInvoice, Basis: jstore.BillOnOrder, Account: a, Order: o, At: t0}
	refund := jstore.BillDue{Key: string(o) + "/app/refund", Kind: jstore.BillCredit, Basis: jstore.BillOnOrder, Account: a, Order: o, Application: "app", At: t0}
	other := jstore.BillDue{Key: id("ord"), Kind: jstore.BillInvoice, Basis: jstore.BillOnIssuance, Account: b, Order: "o2", At: t0.Add(-time.Hour)}
	note := func(d jstore.BillDue) {
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.(jstore.BillingQueue).NoteBillDue(ctx, d) })
	}
	list := func(limit int) (due []jstore.BillDue) {
		require.NoError(t, s.View(ctx, func(tx jstore.Tx) error {
			var err error
			due, err = tx.(jstore.BillingQueue).ListBillsDue(ctx, limit)
			return err
		}))
		return due
	}
	note(refund)
	note(invoice)
	note(other)
	again := invoice
	again.At = t0.Add(time.Hour)
	note(again) // a repeat of the key changes nothing
	assert.Equal(t, []jstore.BillDue{other, invoice, refund}, list(10))
	assert.Equal(t, []jstore.BillDue{other, invoice}, list(2))

	err := s.Update(ctx, func(tx jstore.Tx) error {
		if err := tx.(jstore.BillingQueue).NoteBillDue(ctx, jstore.BillDue{Key: "lost", Kind: jstore.BillInvoice, Account: a, Order: "x", At: t0}); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)

	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		q := tx.(jstore.BillingQueue)
		got, err := q.GetBillDue(ctx, invoice.Key)
		require.NoError(t, err)
		assert.Equal(t, invoice, got)
		_, err = q.GetBillDue(ctx, "lost")
		assert.ErrorIs(t, err, jstore.ErrNotFound, "rolled back")
		if err := q.DoneBill(ctx, invoice.Key); err != nil {
			return err
		}
		return q.DoneBill(ctx, "never noted")
	})
	assert.Equal(t, []jstore.BillDue{other, refund}, list(10))
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		q := tx.(jstore.BillingQueue)
		if err := q.DoneBill(ctx, other.Key); err != nil {
			return err
		}
		return q.DoneBill(ctx, refund.Key)
	})
	assert.Empty(t, list(10))
}
