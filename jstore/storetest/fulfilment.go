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

var errRollback = errors.New("storetest: roll back")

// testFulfilment: the ordered applications are listed across accounts in creation order and
// only while ordered; an application is found by its CA order ID across accounts, and its
// fulfilment fields are kept whole; a rolled-back write leaves both indexes as they were.
func testFulfilment(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	first := newApp(t, s, a.ID, jstore.StatusOrdered)
	newApp(t, s, b.ID, jstore.StatusInfoRegistered)
	second := newApp(t, s, b.ID, jstore.StatusOrdered)
	third := newApp(t, s, a.ID, jstore.StatusOrdered)

	orderedIDs := func() []jstore.ApplicationID {
		var ids []jstore.ApplicationID
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			opts := jstore.ListOptions{Limit: 1}
			for {
				page, err := tx.ListOrderedApplications(ctx, opts)
				require.NoError(t, err)
				for _, app := range page.Items {
					ids = append(ids, app.ID)
				}
				if page.Next == "" {
					return nil
				}
				opts.Cursor = page.Next
			}
		})
		return ids
	}
	assert.Equal(t, []jstore.ApplicationID{first.ID, second.ID, third.ID}, orderedIDs(), "across accounts, in creation order, one at a time")

	second.Status, second.CAOrderID = jstore.StatusIssued, "ca-2"
	second.Placement = jstore.Placement{Attempts: 1, FirstAt: t0, Owner: "p1", Until: t0.Add(time.Minute), LastError: "x"}
	second.NextCheck, second.Checks, second.Flag = t0.Add(time.Hour), 3, "lifetime"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &second) })
	assert.Equal(t, []jstore.ApplicationID{first.ID, third.ID}, orderedIDs(), "an issued application leaves the list")

	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.FindApplicationByCAOrder(ctx, "ca-2")
		require.NoError(t, err)
		assert.Equal(t, second, got, "every fulfilment field is kept")
		_, err = tx.FindApplicationByCAOrder(ctx, "ca-missing")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = tx.FindApplicationByCAOrder(ctx, "")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		return nil
	})

	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		first.Status, first.CAOrderID = jstore.StatusIssued, "ca-1"
		if err := tx.UpdateApplication(t.Context(), &first); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	first.Version--
	assert.Equal(t, []jstore.ApplicationID{first.ID, third.ID}, orderedIDs(), "a rolled-back write leaves the list as it was")
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.FindApplicationByCAOrder(ctx, "ca-1")
		assert.ErrorIs(t, err, jstore.ErrNotFound, "nor does it index the CA order")
		return nil
	})
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		return tx.DeleteApplication(ctx, a.ID, third.ID, third.Version)
	})
	assert.Equal(t, []jstore.ApplicationID{first.ID}, orderedIDs(), "a deleted application leaves the list")
}

// testLeases: a lease goes to one owner at a time, may be renewed by its owner, lapses at its
// expiry, and is freed by its owner alone; under contention exactly one of many wins.
func testLeases(t *testing.T, s jstore.Store) {
	l := s.(jstore.Leaser)
	ctx := t.Context()
	lease := func(key, owner string, at time.Time) bool {
		ok, err := l.Lease(ctx, key, owner, at, time.Minute)
		require.NoError(t, err)
		return ok
	}
	key := id("lease")
	assert.True(t, lease(key, "p1", t0))
	assert.False(t, lease(key, "p2", t0.Add(59*time.Second)), "held by another")
	assert.True(t, lease(key, "p1", t0.Add(30*time.Second)), "renewed by its owner")
	assert.False(t, lease(key, "p2", t0.Add(89*time.Second)), "the renewal counts from its own time")
	assert.True(t, lease(key, "p2", t0.Add(90*time.Second)), "lapsed at its expiry")
	require.NoError(t, l.Release(ctx, key, "p1"))
	assert.False(t, lease(key, "p3", t0.Add(91*time.Second)), "only the owner releases")
	require.NoError(t, l.Release(ctx, key, "p2"))
	assert.True(t, lease(key, "p3", t0.Add(91*time.Second)), "released")
	_, err := l.Lease(ctx, "", "p1", t0, time.Minute)
	assert.Error(t, err, "an empty key")
	_, err = l.Lease(ctx, key, "p1", t0, 0)
	assert.Error(t, err, "no duration")

	contested := id("lease")
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			ok, err := l.Lease(ctx, contested, id("owner"), t0, time.Minute)
			assert.NoError(t, err, i)
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	assert.EqualValues(t, 1, wins.Load(), "one of many contenders wins")
}

// testReissuesDue: the reissue-due counter and list agree with Certificate.ReissueDue computed
// by brute force, per account and across accounts, soonest first, and follow updates.
func testReissuesDue(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	var all []jstore.Certificate
	for i := range 12 {
		acct := a
		if i%3 == 0 {
			acct = b
		}
		nb := t0.Add(time.Duration(i) * 24 * time.Hour)
		c := jstore.Certificate{ID: jstore.CertificateID(id("crt")), Account: acct.ID, Status: jstore.CertIssued, CommonName: "x.example.jp",
			NotBefore: nb, NotAfter: nb.Add(90 * 24 * time.Hour), SubscriptionEnd: t0.AddDate(1, 0, 0), CreatedAt: t0}
		switch i % 4 {
		case 1:
			c.LockedBy = "app-renewal"
		case 2:
			c.SubscriptionEnd = c.NotAfter // one certificate covers it: no reissue
		}
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateCertificate(ctx, &c) })
		all = append(all, c)
	}
	at := t0.Add(70 * 24 * time.Hour)
	brute := func(acct jstore.AccountID) (n int, ids []jstore.CertificateID) {
		for _, c := range all {
			if due, ok := c.ReissueDue(); ok && !due.After(at) && (acct == "" || c.Account == acct) {
				n++
				ids = append(ids, c.ID)
			}
		}
		return n, ids
	}
	check := func(msg string) {
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			for _, acct := range []jstore.AccountID{a.ID, b.ID} {
				got, err := tx.CountReissuesDue(ctx, acct, at)
				require.NoError(t, err)
				want, _ := brute(acct)
				assert.Equal(t, want, got, "%s: account %s", msg, acct)
			}
			list, err := tx.ListReissuesDue(ctx, at, 0)
			require.NoError(t, err)
			_, want := brute("")
			var got []jstore.CertificateID
			for i, c := range list {
				got = append(got, c.ID)
				if i > 0 {
					prev, _ := list[i-1].ReissueDue()
					cur, _ := c.ReissueDue()
					assert.False(t, cur.Before(prev), "%s: soonest first", msg)
				}
			}
			assert.ElementsMatch(t, want, got, msg)
			if len(want) > 1 {
				short, err := tx.ListReissuesDue(ctx, at, 1)
				require.NoError(t, err)
				assert.Len(t, short, 1, "%s: the limit holds", msg)
			}
			_, err = tx.ListReissuesDue(ctx, at, jstore.MaxPageLimit+1)
			assert.ErrorIs(t, err, jstore.ErrInvalid)
			return nil
		})
	}
	check("after creation")
	all[0].OpenReissue = "app-reissue"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &all[0]) })
	all[1].LockedBy = ""
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &all[1]) })
	check("after updates")
}
