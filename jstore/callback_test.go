package jstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// TestCallbacks: the CA's callback makes the order due at once, though its backoff would have
// waited an hour, and the order is read from the CA in the background — nothing is taken from
// the body. A forged or unknown reference changes nothing, and the handler answers 204 either
// way.
func TestCallbacks(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	panel := httptest.NewServer(mux)
	t.Cleanup(panel.Close)
	rig := newCARig(t, catest.WithCallbackClient(panel.Client()))
	svc := rig.service(t, jstore.WithCallbackURL(panel.URL+"/ca/callback?site=1"), jstore.WithSyncBackoff(time.Hour, time.Hour))
	var received atomic.Int32
	mux.Handle("/ca/callback", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		svc.CallbackHandler().ServeHTTP(w, r)
		received.Add(1)
	}))
	ctx := t.Context()
	acct := rig.f.account(t, "callback")
	other := rig.f.account(t, "intruder")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return received.Load() == 1 }, 5*time.Second, 5*time.Millisecond, "the order-created callback")
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	var due time.Time
	// The order-created callback's re-read runs in the background; it and Sync's question each
	// set the next check at least an hour on (the back-off, or the callbacks' slower polling).
	require.Eventually(t, func() bool {
		a, err := svc.GetApplication(ctx, acct, app.ID)
		due = a.NextCheck
		return err == nil && !due.Before(rig.f.clock.Now().Add(time.Hour)) && svc.CallbacksInFlight() == 0
	}, 5*time.Second, 5*time.Millisecond, "asked, pending: the next check is an hour or more on")

	post := func(ref string) int {
		resp, err := panel.Client().Post(panel.URL+"/ca/callback?ref="+url.QueryEscape(ref), "application/json", strings.NewReader(`{"type":"CERTIFICATE_ISSUED"}`))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, ref := range []string{string(other) + "/" + string(app.ID), string(acct) + "/app_unknown", "nonsense", ""} {
		assert.Equal(t, http.StatusNoContent, post(ref), ref)
	}
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, due, app.NextCheck, "forged and unknown references change nothing")
	assert.Equal(t, jstore.StatusOrdered, app.Status)
	resp, err := panel.Client().Get(panel.URL + "/ca/callback")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)

	require.NoError(t, rig.srv.ApproveDomain(string(app.CAOrderID), "www.example.jp"))
	require.Eventually(t, func() bool {
		a, err := svc.GetApplication(ctx, acct, app.ID)
		return err == nil && a.Status == jstore.StatusIssued
	}, 5*time.Second, 10*time.Millisecond, "the CA's callback had the order read and the certificate recorded, without a Sync")
}

// statusCounter counts the CA's order reads.
type statusCounter struct {
	jstore.CA
	reads atomic.Int64
}

func (c *statusCounter) OrderStatus(ctx context.Context, id jstore.CAOrderID) (jstore.CAStatus, error) {
	c.reads.Add(1)
	return c.CA.OrderStatus(ctx, id)
}

// TestCallbacksSlowPolling: while the CA's callbacks reach the panel, a pending order is read
// only as a safety net — at most four times in a day of passes every ten minutes — instead of
// at the backoff's pace (every hour at most); without callbacks the pace stays.
func TestCallbacksSlowPolling(t *testing.T) {
	t.Parallel()
	day := func(t *testing.T, withCallbacks bool) int64 {
		mux := http.NewServeMux()
		panel := httptest.NewServer(mux)
		t.Cleanup(panel.Close)
		rig := newCARig(t, catest.WithCallbackClient(panel.Client()))
		counter := &statusCounter{CA: rig.adapter}
		// The customer is not told of the waiting validation within the day: that, too, slows
		// the reads (TestDCVWaitingWithoutPublisher); here only the callbacks do.
		opts := []jstore.Option{jstore.WithCA(counter), jstore.WithSyncBackoff(time.Minute, time.Hour), jstore.WithDCVWaitNotice(48 * time.Hour)}
		if withCallbacks {
			opts = append(opts, jstore.WithCallbackURL(panel.URL+"/ca/callback"))
		}
		svc := rig.service(t, opts...)
		var received atomic.Int32
		mux.Handle("/ca/callback", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			svc.CallbackHandler().ServeHTTP(w, r)
			received.Add(1)
		}))
		ctx := t.Context()
		acct := rig.f.account(t, "polling")
		app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
		_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
		require.NoError(t, err)
		if withCallbacks {
			require.Eventually(t, func() bool {
				a, err := svc.GetApplication(ctx, acct, app.ID)
				return err == nil && !a.CallbackAt.IsZero()
			}, 5*time.Second, 5*time.Millisecond, "the order-created callback arrived")
		}
		_, err = svc.Sync(ctx) // the first read, as the order was placed (or a callback's)
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			a, err := svc.GetApplication(ctx, acct, app.ID)
			return err == nil && a.NextCheck.After(rig.f.clock.Now())
		}, 5*time.Second, 5*time.Millisecond, "read and rescheduled")
		start := counter.reads.Load()
		for range 24 * 6 {
			rig.f.clock.Set(rig.f.clock.Now().Add(10 * time.Minute))
			_, err := svc.Sync(ctx)
			require.NoError(t, err)
		}
		return counter.reads.Load() - start
	}
	with := day(t, true)
	without := day(t, false)
	assert.LessOrEqual(t, with, int64(4), "a day of safety-net reads")
	assert.GreaterOrEqual(t, without, int64(24), "an hourly read at the backoff's cap")
	t.Logf("reads in a day: %d with callbacks, %d without", with, without)
}
