package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testDueApplications: ListDueApplications gives exactly the ordered, unflagged applications
// whose SyncDue is at or before the instant, across accounts, in order of SyncDue then ID, page
// after page without a skip or a repeat; a write that moves an application's due time moves it
// in the list, and a rolled-back one does not.
func testDueApplications(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	var apps []jstore.Application
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	for i, set := range []func(*jstore.Application){
		func(app *jstore.Application) { app.CAOrderID, app.NextCheck = "ca-due-1", at(time.Minute) },
		func(app *jstore.Application) { app.CAOrderID, app.NextCheck = "ca-due-2", at(time.Hour) }, // due later
		func(app *jstore.Application) {}, // not placed: due at once
		func(app *jstore.Application) {
			app.Placement = jstore.Placement{Owner: "p", Until: at(2 * time.Minute)}
		},
		func(app *jstore.Application) { app.CAOrderID, app.NextCheck, app.Flag = "ca-due-5", at(0), "lifetime" }, // waits for staff
		func(app *jstore.Application) { app.CAOrderID, app.NextCheck = "ca-due-6", at(time.Minute) },             // same time as the first
		func(app *jstore.Application) { app.CAOrderID, app.NextCheck = "ca-due-7", at(-time.Hour) },
	} {
		acct := a.ID
		if i%2 == 1 {
			acct = b.ID
		}
		app := newApp(t, s, acct, jstore.StatusOrdered)
		set(&app)
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &app) })
		apps = append(apps, app)
	}
	newApp(t, s, a.ID, jstore.StatusInfoRegistered) // in the cart: never due

	// brute is what the list must be: the due ones, by SyncDue, then ID.
	brute := func(now time.Time, all []jstore.Application) []jstore.ApplicationID {
		var due []jstore.Application
		for _, app := range all {
			if d, ok := app.SyncDue(); ok && !d.After(now) {
				due = append(due, app)
			}
		}
		slices.SortFunc(due, func(x, y jstore.Application) int {
			dx, _ := x.SyncDue()
			dy, _ := y.SyncDue()
			if c := dx.Compare(dy); c != 0 {
				return c
			}
			return strings.Compare(string(x.ID), string(y.ID))
		})
		ids := []jstore.ApplicationID{}
		for _, app := range due {
			ids = append(ids, app.ID)
		}
		return ids
	}
	list := func(now time.Time, limit int) []jstore.ApplicationID {
		ids := []jstore.ApplicationID{}
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			var after jstore.Application
			for {
				page, err := tx.(jstore.DueLister).ListDueApplications(ctx, now, after, limit)
				require.NoError(t, err)
				for _, app := range page {
					ids = append(ids, app.ID)
				}
				if len(page) < limit {
					return nil
				}
				after = page[len(page)-1]
			}
		})
		return ids
	}
	for _, now := range []time.Time{at(-2 * time.Hour), at(0), at(time.Minute), at(2 * time.Minute), at(time.Hour), at(48 * time.Hour)} {
		want := brute(now, apps)
		assert.Equal(t, want, list(now, 1000), "at %s", now)
		assert.Equal(t, want, list(now, 1), "at %s, one at a time", now)
		assert.Equal(t, want, list(now, 2), "at %s, two at a time", now)
	}

	// Sync moves the first one on, issues the second: the list follows.
	apps[0].NextCheck = at(3 * time.Hour)
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &apps[0]) })
	apps[1].Status = jstore.StatusIssued
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &apps[1]) })
	assert.Equal(t, brute(at(2*time.Hour), apps), list(at(2*time.Hour), 1000))

	// A rolled-back move leaves the list as it was.
	before := list(at(2*time.Hour), 1000)
	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		moved := apps[6]
		moved.NextCheck = at(100 * time.Hour)
		if err := tx.UpdateApplication(t.Context(), &moved); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	assert.Equal(t, before, list(at(2*time.Hour), 1000))
}
