package storetest

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testRenewable: ListRenewable pages through exactly the certificates CountRenewable counts —
// issued, unlocked, not replaced, the account's own, ending in [from, to) — soonest first,
// ties by ID, without skipping or repeating across pages, including at the range's edges.
func testRenewable(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	from, to := t0, t0.Add(10*24*time.Hour)
	var want []jstore.CertificateID
	mk := func(acct jstore.AccountID, end time.Time, edit func(*jstore.Certificate)) jstore.Certificate {
		c := jstore.Certificate{ID: jstore.CertificateID(id("crt")), Account: acct, Status: jstore.CertIssued, CommonName: "x.example.jp",
			SerialHex: "0a", PEM: "leaf", NotBefore: end.AddDate(-1, 0, 0), NotAfter: end, SubscriptionEnd: end, CreatedAt: t0}
		if edit != nil {
			edit(&c)
		}
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateCertificate(ctx, &c) })
		return c
	}
	for _, end := range []time.Time{from, from, from.Add(time.Hour), to.Add(-time.Nanosecond), from.Add(48 * time.Hour), from.Add(48 * time.Hour), from.Add(48 * time.Hour)} {
		want = append(want, mk(a.ID, end, nil).ID)
	}
	mk(a.ID, to, nil)                         // the range's end is outside
	mk(a.ID, from.Add(-time.Nanosecond), nil) // before it
	mk(b.ID, from.Add(time.Hour), nil)        // another account's
	mk(a.ID, from.Add(time.Hour), func(c *jstore.Certificate) { c.LockedBy = "app_x" })
	mk(a.ID, from.Add(time.Hour), func(c *jstore.Certificate) { c.ReplacedBy = "crt_y" })
	mk(a.ID, from.Add(time.Hour), func(c *jstore.Certificate) { c.Status = jstore.CertRevoked })

	byEnd := map[jstore.CertificateID]time.Time{}
	require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
		for _, id := range want {
			c, err := tx.GetCertificate(t.Context(), a.ID, id)
			if err != nil {
				return err
			}
			byEnd[id] = c.SubscriptionEnd
		}
		return nil
	}))
	slices.SortFunc(want, func(x, y jstore.CertificateID) int {
		return cmp.Or(byEnd[x].Compare(byEnd[y]), cmp.Compare(x, y))
	})
	var got []jstore.CertificateID
	var afterEnd time.Time
	var afterID jstore.CertificateID
	for range 10 {
		var page []jstore.Certificate
		require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
			var err error
			page, err = tx.(jstore.RenewableLister).ListRenewable(t.Context(), a.ID, from, to, afterEnd, afterID, 2)
			return err
		}))
		for _, c := range page {
			got = append(got, c.ID)
		}
		if len(page) < 2 {
			break
		}
		afterEnd, afterID = page[len(page)-1].SubscriptionEnd, page[len(page)-1].ID
	}
	assert.Equal(t, want, got, "every renewable one once, soonest first")
	require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
		n, err := tx.CountRenewable(t.Context(), a.ID, from, to)
		assert.Equal(t, len(want), n, "the list agrees with the count")
		return err
	}))
}
