package storetest

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// collect pages through the account's applications with limit.
func collect(t *testing.T, s jstore.Store, acct jstore.AccountID, limit int) []jstore.ApplicationID {
	t.Helper()
	var ids []jstore.ApplicationID
	opts := jstore.ListOptions{Limit: limit}
	for {
		var page jstore.Page[jstore.Application]
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			var err error
			page, err = tx.ListApplications(ctx, acct, opts)
			return err
		})
		for _, a := range page.Items {
			ids = append(ids, a.ID)
		}
		if page.Next == "" {
			return ids
		}
		opts.Cursor = page.Next
	}
}

// insertApp creates an application without failing the test, for use off the test goroutine.
func insertApp(s jstore.Store, acct jstore.AccountID) error {
	ctx := context.Background()
	return s.Update(ctx, func(tx jstore.Tx) error {
		a := jstore.Application{ID: jstore.ApplicationID(id("app")), Account: acct, Kind: jstore.AppNew, Status: jstore.StatusProductSelected}
		return tx.CreateApplication(ctx, &a)
	})
}

func testPaging(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	var want []jstore.ApplicationID
	for range 23 {
		want = append(want, newApp(t, s, acct.ID, jstore.StatusProductSelected).ID)
	}
	for _, limit := range []int{1, 5, 22, 23, 24, 1000} {
		assert.Equal(t, want, collect(t, s, acct.ID, limit), "limit %d", limit)
	}
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		page, err := tx.ListApplications(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Len(t, page.Items, 23, "limit 0 means the default of 50")
		return nil
	})
}

func testPagingConcurrent(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	var before []jstore.ApplicationID
	for range 40 {
		before = append(before, newApp(t, s, acct.ID, jstore.StatusProductSelected).ID)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				if err := insertApp(s, acct.ID); err != nil {
					t.Error(err) // Error, not FailNow: this is not the test's goroutine
					return
				}
			}
		}
	})
	seen := map[jstore.ApplicationID]int{}
	got := collect(t, s, acct.ID, 3)
	close(stop)
	wg.Wait()
	for _, id := range got {
		seen[id]++
	}
	for _, id := range before {
		assert.Equal(t, 1, seen[id], "record %s present before the walk must appear exactly once", id)
	}
	for id, n := range seen {
		assert.Equal(t, 1, n, "record %s repeated", id)
	}
}

// testCounters compares the indexed counters with a brute-force count after random writes.
func testCounters(t *testing.T, s jstore.Store) {
	rng := rand.New(rand.NewPCG(1, 2))
	accts := []jstore.Account{newAccount(t, s), newAccount(t, s), newAccount(t, s)}
	statuses := []jstore.ApplicationStatus{jstore.StatusProductSelected, jstore.StatusInfoRegistered, jstore.StatusOrdered, jstore.StatusIssued}
	kinds := []jstore.ApplicationKind{jstore.AppNew, jstore.AppRenewal, jstore.AppReissue}
	var apps []jstore.Application
	var certs []jstore.Certificate
	for range 300 {
		acct := accts[rng.IntN(len(accts))].ID
		switch rng.IntN(5) {
		case 0:
			a := newApp(t, s, acct, statuses[rng.IntN(len(statuses))])
			apps = append(apps, a)
		case 1:
			if len(apps) == 0 {
				continue
			}
			i := rng.IntN(len(apps))
			a := apps[i]
			a.Status, a.Kind = statuses[rng.IntN(len(statuses))], kinds[rng.IntN(len(kinds))]
			update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &a) })
			apps[i] = a
		case 2:
			if len(apps) == 0 {
				continue
			}
			i := rng.IntN(len(apps))
			a := apps[i]
			update(t, s, func(ctx context.Context, tx jstore.Tx) error {
				return tx.DeleteApplication(ctx, a.Account, a.ID, a.Version)
			})
			apps = append(apps[:i], apps[i+1:]...)
		case 3:
			certs = append(certs, newCert(t, s, acct, t0.Add(time.Duration(rng.IntN(200)-100)*24*time.Hour)))
		case 4:
			if len(certs) == 0 {
				continue
			}
			i := rng.IntN(len(certs))
			c := certs[i]
			c.SubscriptionEnd = t0.Add(time.Duration(rng.IntN(200)-100) * 24 * time.Hour)
			c.LockedBy, c.ReplacedBy, c.Status = "", "", jstore.CertIssued
			switch rng.IntN(4) {
			case 0:
				c.LockedBy = "lock"
			case 1:
				c.Status = jstore.CertRevoked
			case 2:
				c.ReplacedBy = "next"
			}
			update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &c) })
			certs[i] = c
		}
	}
	from, to := t0.Add(-30*24*time.Hour), t0.Add(61*24*time.Hour)
	for _, acct := range accts {
		wantOpen, wantRenewable := 0, 0
		for _, a := range apps {
			if a.Account == acct.ID && a.InCart() {
				wantOpen++
			}
		}
		for _, c := range certs {
			if c.Account == acct.ID && c.Renewable() &&
				!c.SubscriptionEnd.Before(from) && c.SubscriptionEnd.Before(to) {
				wantRenewable++
			}
		}
		view(t, s, func(ctx context.Context, tx jstore.Tx) error {
			open, err := tx.CountOpenApplications(ctx, acct.ID)
			require.NoError(t, err)
			assert.Equal(t, wantOpen, open, "open applications of %s", acct.ID)
			renewable, err := tx.CountRenewable(ctx, acct.ID, from, to)
			require.NoError(t, err)
			assert.Equal(t, wantRenewable, renewable, "renewable certificates of %s", acct.ID)
			return nil
		})
	}
}

// testConcurrentWriters races optimistic updates of one record: each version is granted once.
func testConcurrentWriters(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	app := newApp(t, s, acct.ID, jstore.StatusProductSelected)
	const writers, rounds = 8, 25
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		wins     int
		conflict int
	)
	for range writers {
		wg.Go(func() {
			ctx := context.Background()
			for range rounds {
				err := s.Update(ctx, func(tx jstore.Tx) error {
					cur, err := tx.GetApplication(ctx, acct.ID, app.ID)
					if err != nil {
						return err
					}
					cur.Term++
					return tx.UpdateApplication(ctx, &cur)
				})
				stale := app
				staleErr := s.Update(ctx, func(tx jstore.Tx) error { return tx.UpdateApplication(ctx, &stale) })
				mu.Lock()
				if err == nil {
					wins++
				}
				if staleErr != nil {
					conflict++
				}
				mu.Unlock()
				if err := insertApp(s, acct.ID); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	assert.Equal(t, writers*rounds, wins, "read-modify-write inside one transaction never conflicts")
	assert.Equal(t, writers*rounds, conflict, "a version-1 write after the first update always conflicts")
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetApplication(ctx, acct.ID, app.ID)
		require.NoError(t, err)
		assert.Equal(t, app.Term+writers*rounds, got.Term, "no update was lost")
		assert.EqualValues(t, 1+writers*rounds, got.Version)
		n, err := tx.CountOpenApplications(ctx, acct.ID)
		require.NoError(t, err)
		assert.Equal(t, 1+writers*rounds, n)
		return nil
	})
}

func testCancelled(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	called := false
	err := s.Update(ctx, func(tx jstore.Tx) error { called = true; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	err = s.View(ctx, func(tx jstore.Tx) error { called = true; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, called, "a cancelled context runs nothing")

	// Cancelled mid-transaction: the method calls fail and nothing is kept.
	ctx2, cancel2 := context.WithCancel(t.Context())
	err = s.Update(ctx2, func(tx jstore.Tx) error {
		a := jstore.Application{ID: "cancel-app", Account: acct.ID}
		require.NoError(t, tx.CreateApplication(ctx2, &a))
		cancel2()
		_, err := tx.GetApplication(ctx2, acct.ID, "cancel-app")
		assert.ErrorIs(t, err, context.Canceled)
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled, "a transaction whose context ends before commit fails")
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.GetApplication(ctx, acct.ID, "cancel-app")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		return nil
	})
}
