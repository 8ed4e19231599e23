package jstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/message"
)

// TestFulfilment: CompleteOrder places the application with the CA; Sync follows it to a
// verified, recorded certificate that carries the CA's order ID.
func TestFulfilment(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "fulfil")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "shop.example.jp", "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	require.NotEmpty(t, app.CAOrderID, "placed at ordering")
	assert.Equal(t, []string{string(app.CAOrderID)}, rig.srv.Orders("www.example.jp"))

	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, jstore.SyncReport{Due: 1, Asked: 1, Issued: 1}, rep)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusIssued, app.Status)
	cert, err := svc.GetCertificate(ctx, acct, app.Certificate)
	require.NoError(t, err)
	assert.Equal(t, app.CAOrderID, cert.CAOrderID, "the lineage knows its CA order")
	assert.Equal(t, "www.example.jp", cert.CommonName)
	assert.Equal(t, []string{"shop.example.jp"}, cert.SANs)

	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep, "nothing is left to do")
}

// TestSyncBacksOffWhilePending: an order awaiting validation is asked about again only once
// its next check is due, the wait doubling up to the cap.
func TestSyncBacksOffWhilePending(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "pending")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	var asked []int
	for range 6 {
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		asked = append(asked, rep.Asked)
		rig.f.clock.Set(rig.f.clock.Now().Add(1500 * time.Millisecond))
	}
	// Waits of 1 s, 2 s, 4 s…: asked at 0 s, 1.5 s, 4.5 s (3 s after 1.5 s is past the 2 s wait).
	assert.Equal(t, []int{1, 1, 0, 1, 0, 0}, asked)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	require.NoError(t, rig.srv.ApproveDomain(string(app.CAOrderID), "www.example.jp"))
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
}

// TestCARefusalReturnsToCart: a CA refusal (422) puts the application back in the cart,
// voids its order line with the refund due, and comes back as a *ValidationError with the
// CA's message in Japanese and English; ordering again charges once more and places once.
func TestCARefusalReturnsToCart(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	products := append(jstore.DefaultCatalogue().Products(), jstore.Product{Code: "BROKEN_SSL", NameJA: "壊れた商品", NameEN: "Broken", Kind: jstore.ProductSingle, Level: jstore.LevelDV, Terms: []int{1}, UpstreamType: "NO_SUCH_TYPE"})
	cat, err := jstore.NewCatalogue(products)
	require.NoError(t, err)
	svc := rig.service(t, jstore.WithCatalogue(cat), jstore.WithPricer(flatPricer{}))
	ctx := t.Context()
	acct := rig.f.account(t, "refused")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "BROKEN_SSL", Term: 1}, "www.example.jp")
	order, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NotEmpty(t, order.ID, "the order stands")
	ve := requireValidation(t, err)
	require.Len(t, ve.Problems, 1)
	assert.Equal(t, "ca_refused", ve.Problems[0].Code)
	assert.Contains(t, ve.Problems[0].Message(message.Japanese), "認証局が申請を受け付けませんでした")
	assert.Contains(t, ve.Problems[0].Message(message.English), "productType")
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, app.Status, "orderable again")
	assert.Empty(t, app.Order)
	assert.Empty(t, rig.srv.Orders("www.example.jp"))
	events, err := svc.Events(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	var voided []jstore.Event
	for _, e := range events.Items {
		if e.Type == jstore.EventOrderLineVoided {
			voided = append(voided, e)
		}
	}
	require.Len(t, voided, 1)
	assert.Equal(t, order.ID, voided[0].Order)
	assert.Equal(t, "1000", voided[0].Detail["refund"])
}

// flatPricer prices every item at 1,000 yen plus 10% tax.
type flatPricer struct{}

func (flatPricer) Price(_ context.Context, _ jstore.Account, items []jstore.PriceItem) (jstore.Pricing, error) {
	p := jstore.Pricing{Amounts: make([]int64, len(items))}
	for i := range items {
		p.Amounts[i] = 1000
		p.Subtotal += 1000
	}
	p.Tax = p.Subtotal / 10
	p.Total = p.Subtotal + p.Tax
	return p, nil
}

// TestCAUnavailableLeavesCartIntact: when the CA cannot be reached, the application is back in
// the cart and the error matches ErrCAUnavailable; ordering again later works.
func TestCAUnavailableLeavesCartIntact(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "outage")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	require.NoError(t, rig.srv.InjectFaults("certificate_create", catest.Fault{Kind: catest.FaultRateLimit, RetryAfterSec: 60, Share: 1}))
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.ErrorIs(t, err, jstore.ErrCAUnavailable)
	cart, err := svc.Cart(ctx, acct)
	require.NoError(t, err)
	require.Len(t, cart.Items, 1)
	assert.True(t, cart.Items[0].Orderable)

	require.NoError(t, rig.srv.InjectFaults("certificate_create"))
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	assert.Len(t, rig.srv.Orders("www.example.jp"), 1)
}

// TestCrashPoints: the process dies at each step of a placement (a panic from the hook); a
// fresh Service on the same store and simulator, once the dead one's right has lapsed,
// reconciles and finishes, and every application has exactly one upstream order.
func TestCrashPoints(t *testing.T) {
	t.Parallel()
	for _, point := range []string{"placement.before-call", "placement.after-call", "placement.saved"} {
		for _, victim := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/app%d", point, victim), func(t *testing.T) {
				rig := newCARig(t, catest.WithAutoApprove())
				ctx := t.Context()
				acct := rig.f.account(t, "crash")
				var ids []jstore.ApplicationID
				cns := []string{"a.example.jp", "b.example.jp", "c.example.jp"}
				dying := rig.service(t)
				for _, cn := range cns {
					ids = append(ids, registeredApp(t, rig.f, dying, acct, dv1, cn).ID)
				}
				calls := 0
				jstore.SetCrashHook(dying, func(p string) {
					if p != point {
						return
					}
					if calls++; calls == victim+1 {
						panic("process died at " + p)
					}
				})
				func() {
					defer func() { assert.NotNil(t, recover(), "the process died") }()
					_, _ = dying.CompleteOrder(ctx, acct, ids)
				}()

				rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Minute)) // the dead process's right lapses
				fresh := rig.service(t)
				for range 3 {
					_, err := fresh.Sync(ctx)
					require.NoError(t, err)
					rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Minute))
				}
				for i, cn := range cns {
					assert.Len(t, rig.srv.Orders(cn), 1, "exactly one upstream order for %s", cn)
					app, err := fresh.GetApplication(ctx, acct, ids[i])
					require.NoError(t, err)
					assert.Equal(t, jstore.StatusIssued, app.Status, cn)
				}
			})
		}
	}
}

// TestLostAnswersAreReconciled: the CA processes a create but the connection drops before
// the answer; the placement is reconciled by reading the CA, never placed twice.
func TestLostAnswersAreReconciled(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "lost")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	require.NoError(t, rig.srv.InjectFaults("certificate_create", catest.Fault{Kind: catest.FaultDrop, Share: 1}))
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err, "a lost answer is Sync's to reconcile, not the customer's error")
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Empty(t, app.CAOrderID)
	assert.Equal(t, 1, app.Placement.Attempts)
	assert.NotEmpty(t, app.Placement.LastError)
	require.Len(t, rig.srv.Orders("www.example.jp"), 1, "the CA did act")

	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Placed, "adopted by reconciling")
	assert.Len(t, rig.srv.Orders("www.example.jp"), 1, "and never placed again")
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusIssued, app.Status)
}

// TestSyncNeedsACA: without a CA, Sync says so.
func TestSyncNeedsACA(t *testing.T) {
	t.Parallel()
	_, err := newFixture(t).svc.Sync(t.Context())
	assert.Error(t, err)
	assert.False(t, errors.Is(err, jstore.ErrNotFound))
}
