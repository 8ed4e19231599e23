package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// txHas reports whether the store's transactions have the optional capability T.
func txHas[T any](t *testing.T, s jstore.Store) bool {
	var ok bool
	require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
		_, ok = tx.(T)
		return nil
	}))
	return ok
}

// testApplicationBatches: a batch read returns the applications in the order asked and refuses
// a missing or another account's one; a batch write moves every version and index as single
// writes do, and a stale or missing application fails the write with nothing kept.
func testApplicationBatches(t *testing.T, s jstore.Store) {
	acct, other := newAccount(t, s), newAccount(t, s)
	apps := []jstore.Application{newApp(t, s, acct.ID, jstore.StatusInfoRegistered), newApp(t, s, acct.ID, jstore.StatusInfoRegistered), newApp(t, s, acct.ID, jstore.StatusInfoRegistered)}
	foreign := newApp(t, s, other.ID, jstore.StatusInfoRegistered)
	ids := []jstore.ApplicationID{apps[2].ID, apps[0].ID, apps[1].ID}
	batch := func(tx jstore.Tx) jstore.ApplicationBatcher { return tx.(jstore.ApplicationBatcher) }

	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := batch(tx).GetApplications(ctx, acct.ID, ids)
		require.NoError(t, err)
		assert.Equal(t, []jstore.Application{apps[2], apps[0], apps[1]}, got, "in the order asked")
		_, err = batch(tx).GetApplications(ctx, acct.ID, []jstore.ApplicationID{apps[0].ID, "no-such-app"})
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = batch(tx).GetApplications(ctx, acct.ID, []jstore.ApplicationID{apps[0].ID, foreign.ID})
		assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's application")
		none, err := batch(tx).GetApplications(ctx, acct.ID, nil)
		require.NoError(t, err)
		assert.Empty(t, none)
		return nil
	})

	ordered := []jstore.Application{apps[0], apps[1]}
	for i := range ordered {
		ordered[i].Status, ordered[i].Order, ordered[i].CAOrderID = jstore.StatusOrdered, "ord-batch", jstore.CAOrderID(id("ca"))
	}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return batch(tx).UpdateApplications(ctx, ordered) })
	assert.EqualValues(t, []int64{2, 2}, []int64{ordered[0].Version, ordered[1].Version}, "each version moves")
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		for _, want := range ordered {
			got, err := tx.GetApplication(ctx, acct.ID, want.ID)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			byCA, err := tx.FindApplicationByCAOrder(ctx, want.CAOrderID)
			require.NoError(t, err)
			assert.Equal(t, want.ID, byCA.ID, "the CA order index follows")
		}
		n, err := tx.CountOpenApplications(ctx, acct.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, n, "the cart index follows")
		return nil
	})

	for _, tc := range []struct {
		name string
		bad  []jstore.Application
		want error
	}{
		{"a stale version", []jstore.Application{apps[2], apps[0]}, jstore.ErrConflict}, // apps[0] is stored at version 2
		{"a missing application", []jstore.Application{apps[2], {ID: "no-such-app", Account: acct.ID, Version: 1}}, jstore.ErrNotFound},
		{"another account's", []jstore.Application{apps[2], {ID: foreign.ID, Account: acct.ID, Version: foreign.Version}}, jstore.ErrNotFound},
	} {
		for i := range tc.bad {
			tc.bad[i].ApproverEmail = "changed@example.jp"
		}
		err := s.Update(t.Context(), func(tx jstore.Tx) error { return batch(tx).UpdateApplications(t.Context(), tc.bad) })
		assert.ErrorIs(t, err, tc.want, tc.name)
		err = s.Update(t.Context(), func(tx jstore.Tx) error {
			_ = batch(tx).UpdateApplications(t.Context(), tc.bad)
			return nil // a caller that ignores the error still must not commit half a batch
		})
		assert.ErrorIs(t, err, tc.want, "%s, the error ignored", tc.name)
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			for _, want := range []jstore.Application{apps[2], foreign} {
				got, err := tx.GetApplication(ctx, want.Account, want.ID)
				require.NoError(t, err)
				assert.Equal(t, want, got, "%s: nothing is kept", tc.name)
			}
			return nil
		})
	}
}
