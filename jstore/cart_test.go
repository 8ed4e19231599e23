package jstore_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/quote"
)

func TestCartAndCompleteOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	ready, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 10})
	require.NoError(t, err)
	ready = f.registered(t, acct, ready, "www.example.jp", "mail.example.jp")
	draft, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)

	cart, err := f.svc.Cart(ctx, acct)
	require.NoError(t, err)
	require.Len(t, cart.Items, 2)
	assert.True(t, cart.Items[0].Orderable)
	assert.False(t, cart.Items[1].Orderable)
	assert.Equal(t, "UCC_DV_SSL", cart.Items[0].Product.Code)

	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{ready.ID, draft.ID})
	var notOrderable *jstore.NotOrderableError
	require.ErrorAs(t, err, &notOrderable)
	assert.Equal(t, []jstore.ApplicationID{draft.ID}, notOrderable.Applications, "the error names the refused item")
	assert.ErrorIs(t, err, jstore.ErrState)
	assert.Contains(t, err.Error(), string(draft.ID))
	got, err := f.svc.GetApplication(ctx, acct, ready.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, got.Status, "a refused order changes nothing")
	orders, err := f.svc.ListOrders(ctx, acct, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, orders.Items)

	_, err = f.svc.PreviewOrder(ctx, acct, []jstore.ApplicationID{ready.ID, draft.ID})
	require.ErrorAs(t, err, &notOrderable, "the preview refuses what the order would")
	preview, err := f.svc.PreviewOrder(ctx, acct, []jstore.ApplicationID{ready.ID})
	require.NoError(t, err)
	got, err = f.svc.GetApplication(ctx, acct, ready.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, got.Status, "a preview changes nothing")

	order, err := f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{ready.ID})
	require.NoError(t, err)
	assert.Equal(t, jstore.OrderPreview{Lines: order.Lines, Subtotal: order.Subtotal, Tax: order.Tax, Total: order.Total, TaxPercent: 10}, preview,
		"the order charges what the preview showed")
	// 39000 for two years plus 10 slots x 2 years x 1000 yen; tax 10% rounded down.
	assert.Equal(t, int64(59000), order.Subtotal)
	assert.Equal(t, int64(5900), order.Tax)
	assert.Equal(t, int64(64900), order.Total)
	require.Len(t, order.Lines, 1)
	assert.Equal(t, jstore.OrderLine{Application: ready.ID, CommonName: "www.example.jp", ProductCode: "UCC_DV_SSL", Kind: jstore.AppNew, Term: 2, SANSlots: 10, Amount: 59000}, order.Lines[0])
	stored, err := f.svc.GetOrder(ctx, acct, order.ID)
	require.NoError(t, err)
	assert.Equal(t, order, stored)

	got, err = f.svc.GetApplication(ctx, acct, ready.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusOrdered, got.Status)
	assert.Equal(t, order.ID, got.Order)

	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{ready.ID})
	assert.ErrorIs(t, err, jstore.ErrState, "ordering twice")
	assert.ErrorIs(t, f.svc.RemoveFromCart(ctx, acct, ready.ID), jstore.ErrState, "an ordered item stays")
	_, err = f.svc.SubmitStep1(ctx, acct, ready.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	assert.ErrorIs(t, err, jstore.ErrState, "an ordered item is no longer editable")

	require.NoError(t, f.svc.RemoveFromCart(ctx, acct, draft.ID))
	cart, err = f.svc.Cart(ctx, acct)
	require.NoError(t, err)
	assert.Empty(t, cart.Items)
	_, err = f.svc.GetApplication(ctx, acct, draft.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
}

func TestCompleteOrderInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	app = f.registered(t, acct, app, "www.example.jp")
	_, err = f.svc.CompleteOrder(ctx, acct, nil)
	assert.Equal(t, []string{"order_items"}, problemCodes(t, err))
	_, err = f.svc.CompleteOrder(ctx, acct, make([]jstore.ApplicationID, 101))
	assert.Equal(t, []string{"order_items"}, problemCodes(t, err))
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID, app.ID})
	assert.Equal(t, []string{"order_duplicate"}, problemCodes(t, err))
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{"app_missing"})
	assert.ErrorIs(t, err, jstore.ErrNotFound)

	noPricer := newFixture(t)
	nacct := noPricer.account(t, "taro")
	// A service without WithPricer refuses to order rather than invent a price.
	svc, err := jstore.New(noPricer.store, jstore.WithClock(noPricer.clock.Now))
	require.NoError(t, err)
	napp, err := svc.StartNew(ctx, nacct, dv1)
	require.NoError(t, err)
	_, err = svc.CompleteOrder(ctx, nacct, []jstore.ApplicationID{napp.ID})
	assert.ErrorContains(t, err, "no pricer")
}

type faultyPricer struct{ p jstore.Pricing }

func (f faultyPricer) Price(context.Context, jstore.Account, []jstore.PriceItem) (jstore.Pricing, error) {
	return f.p, nil
}

type failingPricer struct{}

func (failingPricer) Price(context.Context, jstore.Account, []jstore.PriceItem) (jstore.Pricing, error) {
	return jstore.Pricing{}, errors.New("contract service down")
}

func TestCompleteOrderRejectsBadPricing(t *testing.T) {
	t.Parallel()
	for name, p := range map[string]jstore.Pricer{
		"too few amounts":          faultyPricer{jstore.Pricing{}},
		"negative amount":          faultyPricer{jstore.Pricing{Amounts: []int64{-1}, Subtotal: -1, Total: -1}},
		"bad subtotal":             faultyPricer{jstore.Pricing{Amounts: []int64{100}, Subtotal: 99, Total: 99}},
		"bad total":                faultyPricer{jstore.Pricing{Amounts: []int64{100}, Subtotal: 100, Tax: 10, Total: 100}},
		"overflowing tax":          faultyPricer{jstore.Pricing{Amounts: []int64{math.MaxInt64}, Subtotal: math.MaxInt64, Tax: 1, Total: math.MinInt64}},
		"pricer error":             failingPricer{},
		"no price for the product": mustQuoter(t, quote.PriceBook{}),
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, jstore.WithPricer(p))
			acct := f.account(t, "taro")
			app, err := f.svc.StartNew(t.Context(), acct, dv1)
			require.NoError(t, err)
			app = f.registered(t, acct, app, "www.example.jp")
			_, err = f.svc.CompleteOrder(t.Context(), acct, []jstore.ApplicationID{app.ID})
			require.Error(t, err)
			got, err := f.svc.GetApplication(t.Context(), acct, app.ID)
			require.NoError(t, err)
			assert.Equal(t, jstore.StatusInfoRegistered, got.Status, "nothing is written")
		})
	}
}

func mustQuoter(t *testing.T, book quote.PriceBook) *quote.Quoter {
	q, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Book: book, Numberer: &quote.MemoryNumberer{}})
	require.NoError(t, err)
	return q
}

func TestCompleteOrderRechecksTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()

	f.clock.Set(time.Date(2028, 3, 14, 12, 0, 0, 0, time.UTC))
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.jp", Root: jstore.RootStarfield})
	require.NoError(t, err)
	f.clock.Set(time.Date(2028, 3, 15, 0, 0, 0, 0, time.UTC))
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	assert.Equal(t, []string{"dcv_email_sunset"}, problemCodes(t, err), "registered before the sunset, ordered after it")
	assert.Contains(t, err.Error(), string(app.ID))

	f.clock.Set(jst(2027, 12, 25, 12, 0, 0))
	cert := f.seedCert(t, acct, jst(2027, 11, 25, 10, 0, 0))
	renewal, err := f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	require.NoError(t, err)
	renewal = f.registered(t, acct, renewal, "www.example.jp")
	f.clock.Set(jst(2027, 12, 26, 0, 0, 0))
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{renewal.ID})
	assert.ErrorIs(t, err, jstore.ErrOutsideWindow, "the window closed between registration and ordering")
	got, err := f.svc.GetApplication(ctx, acct, renewal.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, got.Status)
}
