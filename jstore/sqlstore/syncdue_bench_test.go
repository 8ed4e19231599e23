package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// pendingCA answers every status read "pending", at once: what a pass costs apart from the
// CA's own latency.
type pendingCA struct{ jstore.CA }

func (pendingCA) OrderStatus(context.Context, jstore.CAOrderID) (jstore.CAStatus, error) {
	return jstore.CAStatus{State: jstore.CAPending}, nil
}

// hideDue is a store whose transactions are not DueListers: Sync lists every ordered
// application, as it did before the index.
type hideDue struct{ jstore.Store }

func (h hideDue) View(ctx context.Context, fn func(jstore.Tx) error) error {
	return h.Store.View(ctx, func(tx jstore.Tx) error { return fn(struct{ jstore.Tx }{tx}) })
}

// BenchmarkSQLSyncPass is one Sync pass on SQLite over 100,000 ordered applications with the CA
// pending, 10 of them due (or none), each store seeded afresh: through the due index, and
// listing every order as before.
//
//	go test ./jstore/sqlstore -run '^$' -bench SQLSyncPass -benchtime 20x -count 3
func BenchmarkSQLSyncPass(b *testing.B) {
	for _, mode := range []string{"indexed", "indexed-none-due", "listing-all"} {
		b.Run(mode, func(b *testing.B) {
			due := 10
			if mode == "indexed-none-due" {
				due = 0
			}
			st := seedOrdered(b, 100_000, due)
			var store jstore.Store = st
			if mode == "listing-all" {
				store = hideDue{st}
			}
			clock := testkit.NewClock(benchNow)
			svc, err := jstore.New(store, jstore.WithClock(clock.Now), jstore.WithCA(pendingCA{}), jstore.WithSyncBackoff(time.Minute, time.Hour))
			require.NoError(b, err)
			var acted int
			for b.Loop() {
				clock.Set(clock.Now().Add(2 * time.Hour)) // the 10 are due again, the rest not
				rep, err := svc.Sync(b.Context())
				if err != nil {
					b.Fatal(err)
				}
				acted += rep.Due
			}
			b.ReportMetric(float64(acted)/float64(b.N), "due/op")
		})
	}
}

// seedOrdered is a SQLite store holding total ordered, placed applications of one account, due
// of them due at benchNow and the rest not for a year.
func seedOrdered(b *testing.B, total, due int) jstore.Store {
	st := openSQLite(b)
	ctx := b.Context()
	for start := 0; start < total; start += 10_000 {
		require.NoError(b, st.Update(ctx, func(tx jstore.Tx) error {
			if start == 0 {
				acct := jstore.Account{ID: "acc-sync", LoginID: "acc-sync"}
				if err := tx.CreateAccount(ctx, &acct); err != nil {
					return err
				}
			}
			for i := start; i < min(start+10_000, total); i++ {
				next := benchNow.AddDate(1, 0, 0) // asked lately: not due for a year
				if due > 0 && i%(total/due) == 0 {
					next = benchNow.Add(-time.Minute)
				}
				app := jstore.Application{ID: jstore.ApplicationID(fmt.Sprintf("app%06d", i)), Account: "acc-sync", Kind: jstore.AppNew,
					Status: jstore.StatusOrdered, CAOrderID: jstore.CAOrderID(fmt.Sprintf("ca%06d", i)), NextCheck: next}
				if err := tx.CreateApplication(ctx, &app); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	return st
}
