package jstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// recordingBiller keeps the bills it is handed, or fails while err is set.
type recordingBiller struct {
	mu    sync.Mutex
	err   error
	bills []jstore.Bill
}

func (b *recordingBiller) Bill(_ context.Context, bill jstore.Bill) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return b.err
	}
	b.bills = append(b.bills, bill)
	return nil
}

var errBillerDown = errors.New("the archive is down")

// TestSyncSettlesBills: an order billed while the Biller fails is still due; the Sync pass
// reports it at StepBill and the next pass, with the Biller back, issues it — the whole
// order with the customer, its lines and its tax rate — and nothing is issued twice.
func TestSyncSettlesBills(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	rig := newCARig(t)
	biller := &recordingBiller{err: errBillerDown}
	svc := rig.service(t, jstore.WithBiller(biller, jstore.BillOnOrder))
	acct := rig.f.account(t, "taro")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1}, "www.example.jp")
	order, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err, "the order stands while the Biller is down")

	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Issues)
	last := rep.Issues[len(rep.Issues)-1]
	assert.Equal(t, jstore.StepBill, last.Step)
	assert.ErrorIs(t, last.Err, errBillerDown)
	assert.Zero(t, rep.Billed)

	biller.mu.Lock()
	biller.err = nil
	biller.mu.Unlock()
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Billed)
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep.Billed, "settled once")

	require.Len(t, biller.bills, 1)
	b := biller.bills[0]
	assert.Equal(t, string(order.ID), b.Key)
	assert.Equal(t, jstore.BillInvoice, b.Kind)
	assert.Equal(t, jstore.BillOnOrder, b.Basis)
	assert.Equal(t, order.CreatedAt, b.At.UTC())
	assert.Equal(t, "株式会社サンプル", b.Customer.Company)
	assert.Equal(t, 10, b.TaxPercent)
	require.Len(t, b.Lines, 1)
	assert.Equal(t, order.Lines[0].Amount, b.Lines[0].Amount)
	assert.Equal(t, "www.example.jp", b.Lines[0].CommonName)
	assert.Equal(t, "DV_SSL", b.Lines[0].Product.Code)
}

// TestBillerNeedsItsStore: WithBiller refuses a nil biller and an unknown basis; on a store
// that keeps no bills due, ordering fails whole rather than lose the invoice.
func TestBillerNeedsItsStore(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]jstore.Option{
		"nil biller": jstore.WithBiller(nil, jstore.BillOnOrder),
		"basis":      jstore.WithBiller(&recordingBiller{}, "monthly"),
	} {
		_, err := jstore.New(memstore.New(), opt)
		assert.Error(t, err, name)
	}

	f := newFixture(t)
	acct := f.account(t, "taro")
	svc, err := jstore.New(plainStore{f.store}, jstore.WithClock(f.clock.Now), jstore.WithPricer(prices), jstore.WithBiller(&recordingBiller{}, jstore.BillOnOrder))
	require.NoError(t, err)
	started, err := f.svc.StartNew(t.Context(), acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	require.NoError(t, err)
	app := f.registered(t, acct, started, "www.example.jp")
	_, err = svc.CompleteOrder(t.Context(), acct, []jstore.ApplicationID{app.ID})
	assert.ErrorIs(t, err, jstore.ErrNoBillingStore)
	got, err := f.svc.GetApplication(t.Context(), acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, got.Status, "nothing ordered")
}
