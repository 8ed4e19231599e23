package jstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// limitedService is a Service on the rig whose CA client spends a budget of n requests a second.
func limitedService(t *testing.T, rig *caRig, n int) (*jstore.Service, *ca.Client) {
	t.Helper()
	key, secret := rig.srv.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(rig.srv.URL()), ca.WithHTTPClient(rig.srv.HTTPClient()), ca.WithRateLimit(n, time.Second))
	require.NoError(t, err)
	limited, err := adapter.New(client, rig.srv.CustomerID())
	require.NoError(t, err)
	return rig.service(t, jstore.WithCA(limited)), client
}

// cart registers one application for each name.
func cart(t *testing.T, rig *caRig, svc *jstore.Service, acct jstore.AccountID, names ...string) []jstore.ApplicationID {
	t.Helper()
	var ids []jstore.ApplicationID
	for _, cn := range names {
		ids = append(ids, registeredApp(t, rig.f, svc, acct, dv1, cn).ID)
	}
	return ids
}

var tenNames = []string{"a.example.jp", "b.example.jp", "c.example.jp", "d.example.jp", "e.example.jp",
	"f.example.jp", "g.example.jp", "h.example.jp", "i.example.jp", "j.example.jp"}

// TestCustomerGoesFirst: while 16 background readers keep the client's budget (20 a second)
// saturated — in one queue they would hold the next free slot 0.8 s ahead — a 10-item
// CompleteOrder takes the next slot each time, ahead of them, and places every item itself.
func TestCustomerGoesFirst(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc, client := limitedService(t, rig, 20)
	ctx := t.Context()
	acct := rig.f.account(t, "first")
	ids := cart(t, rig, svc, acct, tenNames...)

	loadCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for loadCtx.Err() == nil {
				_, _ = client.Certificates.Get(loadCtx, "no-such-order")
			}
		})
	}
	require.Eventually(t, func() bool { return client.Budget().Stats().Background > 5 }, 5*time.Second, time.Millisecond)
	_, err := svc.CompleteOrder(ctx, acct, ids)
	stop()
	wg.Wait()
	require.NoError(t, err)
	for i, id := range ids {
		app, err := svc.GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.NotEmpty(t, app.CAOrderID, "%s placed by CompleteOrder, ahead of the background", tenNames[i])
	}
	assert.Equal(t, int64(10), client.Budget().Stats().Interactive)
}

// TestCustomerDoesNotWaitForTheQueue: while other people's requests hold the client's budget
// (20 a second) two seconds ahead, CompleteOrder records the order and places nothing itself:
// no request is sent and no attempt recorded, so Sync later places each item with one call and
// nothing to reconcile.
func TestCustomerDoesNotWaitForTheQueue(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc, client := limitedService(t, rig, 20)
	ctx := t.Context()
	acct := rig.f.account(t, "queue")
	names := tenNames[:3]
	ids := cart(t, rig, svc, acct, names...)

	queue := ca.WithInteractive(ctx, 0)
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() { _, _ = client.Certificates.Get(queue, "no-such-order") })
	}
	require.Eventually(t, func() bool {
		b, err := client.Budget().Backlog(ctx)
		return err == nil && b > time.Second
	}, 5*time.Second, time.Millisecond)
	creates := rig.srv.Hits("certificate_create")
	order, err := svc.CompleteOrder(ctx, acct, ids)
	require.NoError(t, err)
	assert.Len(t, order.Lines, 3)
	assert.Equal(t, creates, rig.srv.Hits("certificate_create"), "nothing sent")
	for _, id := range ids {
		app, err := svc.GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.Equal(t, jstore.StatusOrdered, app.Status, "ordered: 注文済み")
		assert.Empty(t, app.CAOrderID, "not placed while the customer waits")
		assert.Zero(t, app.Placement.Attempts, "no attempt to reconcile: %+v", app.Placement)
	}
	wg.Wait()

	require.Eventually(t, func() bool {
		b, err := client.Budget().Backlog(ctx)
		return err == nil && b == 0
	}, 5*time.Second, 10*time.Millisecond)
	for range 3 {
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	for i, id := range ids {
		app, err := svc.GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.NotEmpty(t, app.CAOrderID, "Sync placed it")
		assert.Len(t, rig.srv.Orders(names[i]), 1, "once")
	}
	assert.Zero(t, rig.srv.Hits("certificate_get_entitlement"), "nothing reconciled")
}

// laneRecorder notes, for each CA call, whether the Service made it for a person.
type laneRecorder struct {
	jstore.CA
	mu    sync.Mutex
	calls []string
}

func (l *laneRecorder) note(ctx context.Context, call string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := jstore.Interactive(ctx); ok {
		call += " (person)"
	}
	l.calls = append(l.calls, call)
}

func (l *laneRecorder) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.calls
	l.calls = nil
	return c
}

func (l *laneRecorder) PlaceOrder(ctx context.Context, o jstore.CAOrder) (jstore.CAOrderID, error) {
	l.note(ctx, "place")
	return l.CA.PlaceOrder(ctx, o)
}

func (l *laneRecorder) OrderStatus(ctx context.Context, id jstore.CAOrderID) (jstore.CAStatus, error) {
	l.note(ctx, "status")
	return l.CA.OrderStatus(ctx, id)
}

func (l *laneRecorder) Download(ctx context.Context, id jstore.CAOrderID) (jstore.CABundle, error) {
	l.note(ctx, "download")
	return l.CA.Download(ctx, id)
}

func (l *laneRecorder) DomainVerifications(ctx context.Context, id jstore.CAOrderID) ([]jstore.CADomain, error) {
	l.note(ctx, "domains")
	return l.CA.DomainVerifications(ctx, id)
}

func (l *laneRecorder) VerifyDomainControl(ctx context.Context, id jstore.CAOrderID) error {
	l.note(ctx, "verify")
	return l.CA.VerifyDomainControl(ctx, id)
}

// TestLanes: the calls a customer's click makes carry jstore.Interactive, so they go ahead of
// background work in the CA's rate budget; Sync's calls — reading, downloading — do not.
func TestLanes(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	rec := &laneRecorder{CA: rig.adapter}
	svc := rig.service(t, jstore.WithCA(rec))
	ctx := t.Context()
	acct := rig.f.account(t, "lanes")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")

	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	assert.Equal(t, []string{"place (person)"}, rec.take(), "注文完了")
	_, err = svc.DomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"domains (person)"}, rec.take(), "the DCV page")
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"status"}, rec.take(), "Sync in the background")

	assert.ErrorIs(t, svc.RequestValidation(ctx, acct, app.ID), jstore.ErrCARefused, "nothing published yet")
	assert.Equal(t, []string{"verify (person)"}, rec.take(), "今すぐ確認")
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	require.NoError(t, rig.srv.ApproveDomain(string(app.CAOrderID), "www.example.jp"))
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Hour))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"status", "download"}, rec.take(), "Sync in the background")
}
