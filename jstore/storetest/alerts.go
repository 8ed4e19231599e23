package storetest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testAlerts: one open alert per account and cause, also under concurrent raisers; a cleared
// alert frees its cause; the delivery index follows the deliveries; alerts are scoped by
// account, the panel's own ("") apart; a stale version conflicts and a failed transaction
// keeps nothing.
func testAlerts(t *testing.T, s jstore.Store) {
	ctx := t.Context()
	a, b := newAccount(t, s), newAccount(t, s)
	mk := func(acct jstore.AccountID, key string) jstore.Alert {
		return jstore.Alert{ID: jstore.AlertID(id("alr")), Account: acct, Key: key, Kind: jstore.AlertDeployFailed, RaisedAt: t0,
			Names: []string{"www.example.jp"}, Reason: jstore.AlertReason{JA: "配置に失敗しました。", EN: "deployment failed"},
			Deliveries: []jstore.AlertDelivery{{Notifier: "mail", NextTry: t0}, {Notifier: "webhook", NextTry: t0.Add(time.Minute)}}}
	}
	open := func(al *jstore.Alert) (opened bool) {
		update(t, s, func(ctx context.Context, tx jstore.Tx) (err error) {
			opened, err = tx.(jstore.AlertOutbox).OpenAlert(ctx, al)
			return err
		})
		return opened
	}
	due := func(at time.Time) []jstore.AlertID {
		var out []jstore.AlertID
		require.NoError(t, s.View(ctx, func(tx jstore.Tx) error {
			list, err := tx.(jstore.AlertOutbox).ListAlertsDue(ctx, at, 100)
			for _, al := range list {
				if al.Account == a.ID || al.Account == b.ID || al.Key == "panel:"+string(a.ID) {
					out = append(out, al.ID)
				}
			}
			return err
		}))
		return out
	}
	key := "deploy_failed:crt1:web1"
	first := mk(a.ID, key)
	require.True(t, open(&first))
	assert.Equal(t, int64(1), first.Version)
	again := mk(a.ID, key)
	assert.False(t, open(&again), "one open alert per cause")
	other := mk(b.ID, key)
	assert.True(t, open(&other), "another account's cause is its own")
	panel := mk("", "panel:"+string(a.ID))
	assert.True(t, open(&panel), "the panel's own alert")
	assert.False(t, open(new(mk("", "panel:"+string(a.ID)))))

	require.NoError(t, s.View(ctx, func(tx jstore.Tx) error {
		ob := tx.(jstore.AlertOutbox)
		got, err := ob.GetOpenAlert(ctx, a.ID, key)
		require.NoError(t, err)
		assert.Equal(t, first.ID, got.ID)
		assert.Equal(t, first.Reason, got.Reason)
		assert.Equal(t, first.Deliveries, got.Deliveries)
		_, err = ob.GetAlert(ctx, b.ID, first.ID)
		assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's alert is not found")
		_, err = ob.GetAlert(ctx, "", first.ID)
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = ob.GetOpenAlert(ctx, a.ID, "no such cause")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		page, err := ob.ListAlerts(ctx, a.ID, jstore.ListOptions{})
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		assert.Equal(t, first.ID, page.Items[0].ID)
		return nil
	}))
	assert.ElementsMatch(t, []jstore.AlertID{first.ID, other.ID, panel.ID}, due(t0))
	assert.Empty(t, due(t0.Add(-time.Second)))

	// Both notifiers took it: nothing is due until the cause is gone.
	first.Deliveries[0].Raised, first.Deliveries[1].Raised = t0, t0
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.(jstore.AlertOutbox).UpdateAlert(ctx, &first) })
	assert.ElementsMatch(t, []jstore.AlertID{other.ID, panel.ID}, due(t0.Add(time.Hour)))
	stale := first
	stale.Version--
	err := s.Update(ctx, func(tx jstore.Tx) error { return tx.(jstore.AlertOutbox).UpdateAlert(ctx, &stale) })
	assert.ErrorIs(t, err, jstore.ErrConflict)

	// Cleared: due again for the clearing, and the cause is free for a new alert.
	first.ClearedAt = t0.Add(2 * time.Hour)
	first.Deliveries[0].NextTry, first.Deliveries[1].NextTry = first.ClearedAt, first.ClearedAt
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.(jstore.AlertOutbox).UpdateAlert(ctx, &first) })
	assert.Contains(t, due(first.ClearedAt), first.ID)
	assert.NotContains(t, due(first.ClearedAt.Add(-time.Second)), first.ID)
	next := mk(a.ID, key)
	assert.True(t, open(&next), "a cause that comes back after it was cleared is a new alert")

	// A failed transaction keeps nothing.
	lost := mk(a.ID, "deploy_failed:crt2:web1")
	err = s.Update(ctx, func(tx jstore.Tx) error {
		if _, err := tx.(jstore.AlertOutbox).OpenAlert(ctx, &lost); err != nil {
			return err
		}
		return errors.New("rolled back")
	})
	require.Error(t, err)
	assert.True(t, open(new(mk(a.ID, "deploy_failed:crt2:web1"))), "the rolled-back alert holds no cause")

	// Concurrent raisers of one cause: one alert.
	var opened atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			al := mk(b.ID, "served_other:crt9:web1")
			err := s.Update(ctx, func(tx jstore.Tx) error {
				ok, err := tx.(jstore.AlertOutbox).OpenAlert(ctx, &al)
				if ok {
					opened.Add(1)
				}
				return err
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), opened.Load())
}
