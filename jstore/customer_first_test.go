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

// TestCustomerDoesNotWaitForTheBackground: while background reads keep the CA client's rate
// limit (here 20 a second) queued more than half a second ahead, CompleteOrder records the order
// and places nothing itself; the items stay ordered, and Sync places each once the queue is
// gone.
func TestCustomerDoesNotWaitForTheBackground(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	key, secret := rig.srv.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(rig.srv.URL()), ca.WithHTTPClient(rig.srv.HTTPClient()), ca.WithRateLimit(20, time.Second))
	require.NoError(t, err)
	limited, err := adapter.New(client, rig.srv.CustomerID())
	require.NoError(t, err)
	svc := rig.service(t, jstore.WithCA(limited))
	ctx := t.Context()
	acct := rig.f.account(t, "first")
	var ids []jstore.ApplicationID
	for _, cn := range []string{"a.example.jp", "b.example.jp", "c.example.jp"} {
		ids = append(ids, registeredApp(t, rig.f, svc, acct, dv1, cn).ID)
	}

	// The background: 40 reads queued at once put the next free slot two seconds ahead.
	loadCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() { _, _ = client.Certificates.Get(loadCtx, "no-such-order") })
	}
	require.Eventually(t, func() bool { return client.Backlog() > time.Second }, 5*time.Second, time.Millisecond)
	order, err := svc.CompleteOrder(ctx, acct, ids)
	require.NoError(t, err)
	assert.Len(t, order.Lines, 3)
	for _, id := range ids {
		app, err := svc.GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.Equal(t, jstore.StatusOrdered, app.Status, "ordered: 注文済み")
		assert.Empty(t, app.CAOrderID, "not placed while the customer waits")
	}
	stop()
	wg.Wait()

	require.Eventually(t, func() bool { return client.Backlog() == 0 }, 5*time.Second, 10*time.Millisecond)
	for range 3 {
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	for i, id := range ids {
		app, err := svc.GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.NotEmpty(t, app.CAOrderID, "Sync placed it")
		assert.Len(t, rig.srv.Orders([]string{"a.example.jp", "b.example.jp", "c.example.jp"}[i]), 1, "once")
	}
}
