package sqlstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// twoHandles opens the same database twice, as two processes would.
type opener func(t *testing.T) (a, b *sqlstore.Store)

func backends(t *testing.T) map[string]opener {
	return map[string]opener{
		"sqlite": func(t *testing.T) (*sqlstore.Store, *sqlstore.Store) {
			path := filepath.Join(t.TempDir(), "shared.db")
			a, err := sqlstore.OpenSQLite(t.Context(), path)
			require.NoError(t, err)
			b, err := sqlstore.OpenSQLite(t.Context(), path)
			require.NoError(t, err)
			t.Cleanup(func() { a.Close(); b.Close() })
			return a, b
		},
		"postgres": func(t *testing.T) (*sqlstore.Store, *sqlstore.Store) {
			a := openPostgres(t, postgresDSN(t))
			b, err := sqlstore.OpenPostgres(t.Context(), schemaDSN(t, a))
			require.NoError(t, err)
			t.Cleanup(func() { b.Close() })
			return a, b
		},
	}
}

// flatPricer prices every item at 1,000 yen.
type flatPricer struct{}

func (flatPricer) Price(_ context.Context, _ jstore.Account, items []jstore.PriceItem) (jstore.Pricing, error) {
	p := jstore.Pricing{Amounts: make([]int64, len(items))}
	for i := range items {
		p.Amounts[i] = 1000
	}
	p.Subtotal = int64(1000 * len(items))
	p.Total = p.Subtotal
	return p, nil
}

// TestTwoHandles: two processes' handles on one database. CompleteOrder of one cart from both
// at once yields exactly one order; quote numbers drawn from both are unique and gap-free; a
// write with a version the other handle has moved on from is ErrConflict.
func TestTwoHandles(t *testing.T) {
	t.Parallel()
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			a, b := open(t)
			ctx := t.Context()
			now := func() time.Time { return time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC) }
			svc := func(st jstore.Store) *jstore.Service {
				s, err := jstore.New(st, jstore.WithClock(now), jstore.WithPricer(flatPricer{}), jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}))
				require.NoError(t, err)
				return s
			}
			sa, sb := svc(a), svc(b)
			acct, err := sa.Register(ctx, jstore.RegisterRequest{LoginID: "shared", Password: "correct horse 1",
				Customer: jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田 太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
			require.NoError(t, err)
			csr := testkit.CSR(t, nil, "www.example.jp")
			var ids []jstore.ApplicationID
			for range 5 {
				app, err := sa.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
				require.NoError(t, err)
				_, err = sb.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: csr})
				require.NoError(t, err)
				_, err = sa.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
				require.NoError(t, err)
				ids = append(ids, app.ID)
			}
			var wg sync.WaitGroup
			results := make([]error, 8)
			for i := range results {
				wg.Go(func() {
					s := sa
					if i%2 == 1 {
						s = sb
					}
					_, results[i] = s.CompleteOrder(ctx, acct.ID, ids)
				})
			}
			wg.Wait()
			won := 0
			for _, err := range results {
				var no *jstore.NotOrderableError
				switch {
				case err == nil:
					won++
				case errors.As(err, &no):
				default:
					t.Errorf("unexpected: %v", err)
				}
			}
			assert.Equal(t, 1, won, "exactly one CompleteOrder wins")
			orders, err := sb.ListOrders(ctx, acct.ID, jstore.ListOptions{})
			require.NoError(t, err)
			assert.Len(t, orders.Items, 1, "exactly one order")

			day := now()
			seen := map[int64]int{}
			var mu sync.Mutex
			for i := range 20 {
				wg.Go(func() {
					st := jstore.Store(a)
					if i%2 == 1 {
						st = b
					}
					n, err := jstore.QuoteNumberer{Store: st}.Next(ctx, day)
					assert.NoError(t, err)
					mu.Lock()
					seen[n]++
					mu.Unlock()
				})
			}
			wg.Wait()
			for n := int64(1); n <= 20; n++ {
				assert.Equal(t, 1, seen[n], "quote number %d", n)
			}

			got, err := sa.GetAccount(ctx, acct.ID)
			require.NoError(t, err)
			require.NoError(t, sb.UpdateCustomer(ctx, acct.ID, jstore.CustomerInfo{Company: "Other KK", ContactName: "x", Email: "x@example.jp", Phone: "03-0000-0000"}))
			err = a.Update(ctx, func(tx jstore.Tx) error { return tx.UpdateAccount(ctx, &got) })
			assert.ErrorIs(t, err, jstore.ErrConflict, "a version the other handle moved on from")
		})
	}
}
