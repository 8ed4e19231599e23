package jstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// countingCA counts the calls that reach the CA seam.
type countingCA struct {
	jstore.CA
	calls atomic.Int64
}

func (c *countingCA) PlaceOrder(ctx context.Context, o jstore.CAOrder) (jstore.CAOrderID, error) {
	c.calls.Add(1)
	return c.CA.PlaceOrder(ctx, o)
}

func (c *countingCA) OrderStatus(ctx context.Context, id jstore.CAOrderID) (jstore.CAStatus, error) {
	c.calls.Add(1)
	return c.CA.OrderStatus(ctx, id)
}

func (c *countingCA) Download(ctx context.Context, id jstore.CAOrderID) (jstore.CABundle, error) {
	c.calls.Add(1)
	return c.CA.Download(ctx, id)
}

func (c *countingCA) FindOrders(ctx context.Context, o jstore.CAOrder, since time.Time) ([]jstore.CAOrderID, error) {
	c.calls.Add(1)
	return c.CA.FindOrders(ctx, o, since)
}

// TestFulfilmentFaultMatrix: two Services share one store and one simulator that fails 20% of
// the requests on every route (throttling, 5xx, a connection dropped after the CA acted, a cut
// answer). Customers order while both Services sync. In the end every application has exactly
// one upstream order and is issued: no duplicate, no lost outcome.
func TestFulfilmentFaultMatrix(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove(), catest.WithSeed(42))
	counter := &countingCA{CA: rig.adapter}
	svcs := []*jstore.Service{
		rig.service(t, jstore.WithCA(counter), jstore.WithInstanceName("panel-1")),
		rig.service(t, jstore.WithCA(counter), jstore.WithInstanceName("panel-2")),
	}
	ctx := t.Context()
	const apps = 250
	acct := rig.f.account(t, "matrix")
	var ids []jstore.ApplicationID
	for i := range apps {
		ids = append(ids, registeredApp(t, rig.f, svcs[i%2], acct, dv1, fmt.Sprintf("h%03d.example.jp", i)).ID)
	}
	require.NoError(t, rig.srv.InjectFaults(catest.AllRoutes,
		catest.Fault{Kind: catest.FaultRateLimit, RetryAfterSec: 60, Share: 0.05},
		catest.Fault{Kind: catest.FaultStatus, Status: 503, Share: 0.05},
		catest.Fault{Kind: catest.FaultDrop, Share: 0.05},
		catest.Fault{Kind: catest.FaultMalformed, Share: 0.05}))

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for _, svc := range svcs {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, err := svc.Sync(ctx)
				assert.NoError(t, err)
			}
		})
	}
	for i, id := range ids {
		// An order the CA refused or could not take is back in the cart: order it again.
		for range 20 {
			_, err := svcs[i%2].CompleteOrder(ctx, acct, []jstore.ApplicationID{id})
			if err == nil || !errors.Is(err, jstore.ErrCAUnavailable) {
				break
			}
		}
	}
	close(stop)
	wg.Wait()
	for round := 0; round < 60 && !allIssued(t, svcs[0], acct, ids); round++ {
		rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Minute))
		for _, svc := range svcs {
			_, err := svc.Sync(ctx)
			require.NoError(t, err)
		}
	}
	require.NoError(t, rig.srv.InjectFaults(catest.AllRoutes))
	for i, id := range ids {
		cn := fmt.Sprintf("h%03d.example.jp", i)
		assert.Len(t, rig.srv.Orders(cn), 1, "exactly one upstream order for %s", cn)
		app, err := svcs[0].GetApplication(ctx, acct, id)
		require.NoError(t, err)
		assert.Equal(t, jstore.StatusIssued, app.Status, "%s: %+v", cn, app.Placement)
	}
	// Each issued application took at least a placement, a status read and a download; the
	// faults add their retries on top.
	assert.Greater(t, counter.calls.Load(), int64(3*apps), "the matrix made enough CA calls")
	t.Logf("%d applications, %d CA calls through the seam", apps, counter.calls.Load())
}

func allIssued(t *testing.T, svc *jstore.Service, acct jstore.AccountID, ids []jstore.ApplicationID) bool {
	for _, id := range ids {
		app, err := svc.GetApplication(t.Context(), acct, id)
		require.NoError(t, err)
		if app.Status != jstore.StatusIssued {
			return false
		}
	}
	return true
}
