package jstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// plainStore hides a store's optional interfaces: its transactions are only jstore.Tx.
type plainStore struct{ jstore.Store }

type plainTx struct{ jstore.Tx }

func (s plainStore) View(ctx context.Context, fn func(jstore.Tx) error) error {
	return s.Store.View(ctx, func(tx jstore.Tx) error { return fn(plainTx{tx}) })
}

func (s plainStore) Update(ctx context.Context, fn func(jstore.Tx) error) error {
	return s.Store.Update(ctx, func(tx jstore.Tx) error { return fn(plainTx{tx}) })
}

// TestListRenewable: the certificates whose renewal window is open now, soonest end first,
// a page at a time with a cursor that neither skips nor repeats; the same from a store without
// the index; a cursor that is not one is page_cursor.
func TestListRenewable(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	now := time.Date(2027, 10, 1, 3, 0, 0, 0, time.UTC)
	ctx := t.Context()
	require.NoError(t, st.Update(ctx, func(tx jstore.Tx) error {
		if err := tx.CreateAccount(ctx, &jstore.Account{ID: "acc", LoginID: "acc"}); err != nil {
			return err
		}
		for i, days := range []int{5, 1, 30, 400, -40, 2, 2} { // 400 days away and 40 days past: not renewable
			end := now.AddDate(0, 0, days)
			c := jstore.Certificate{ID: jstore.CertificateID("crt" + string(rune('a'+i))), Account: "acc", Status: jstore.CertIssued, CommonName: "x.example.jp",
				SerialHex: "0a", PEM: "leaf", NotBefore: end.AddDate(-1, 0, 0), NotAfter: end, SubscriptionEnd: end, CreatedAt: now}
			if err := tx.CreateCertificate(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	}))
	for name, store := range map[string]jstore.Store{"indexed": st, "scanned": plainStore{st}} {
		t.Run(name, func(t *testing.T) {
			svc, err := jstore.New(store, jstore.WithClock(func() time.Time { return now }))
			require.NoError(t, err)
			var got []jstore.CertificateID
			opts := jstore.ListOptions{Limit: 2}
			for range 5 {
				page, err := svc.ListRenewable(ctx, "acc", opts)
				require.NoError(t, err)
				for _, c := range page.Items {
					got = append(got, c.ID)
				}
				if page.Next == "" {
					break
				}
				opts.Cursor = page.Next
			}
			assert.Equal(t, []jstore.CertificateID{"crtb", "crtf", "crtg", "crta", "crtc"}, got)
			dash, err := svc.Dashboard(ctx, "acc")
			require.NoError(t, err)
			assert.Equal(t, len(got), dash.Renewable, "the list agrees with the dashboard's count")
			_, err = svc.ListRenewable(ctx, "acc", jstore.ListOptions{Cursor: "not-a-cursor"})
			assert.ErrorIs(t, err, jstore.ErrInvalid)
			_, err = svc.ListRenewable(ctx, "nobody", jstore.ListOptions{})
			assert.ErrorIs(t, err, jstore.ErrNotFound)
		})
	}
}
