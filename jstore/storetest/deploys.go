package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testDeploysDue: ListDeploysDue gives the issued certificates with a target that does not
// serve their serial and is due, across accounts, soonest first; deploying the serial, or a
// retry set for later, moves a certificate out of the list until then.
func testDeploysDue(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	mk := func(acct jstore.AccountID, status jstore.CertificateStatus, ds ...jstore.Deployment) jstore.Certificate {
		c := jstore.Certificate{ID: jstore.CertificateID(id("crt")), Account: acct, Status: status, CommonName: "x.example.jp",
			SerialHex: "0a", PEM: "leaf", NotBefore: t0, NotAfter: t0.AddDate(0, 6, 0), SubscriptionEnd: t0.AddDate(1, 0, 0), CreatedAt: t0, Deployments: ds}
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateCertificate(ctx, &c) })
		return c
	}
	fresh := mk(a.ID, jstore.CertIssued, jstore.Deployment{Target: "web1"})                                                                // due at once
	retry := mk(b.ID, jstore.CertIssued, jstore.Deployment{Target: "web1", Attempts: 2, NextTry: t0.Add(time.Hour)})                       // due in an hour
	done := mk(a.ID, jstore.CertIssued, jstore.Deployment{Target: "web1", Serial: "0a"})                                                   // served already
	mk(b.ID, jstore.CertRevoked, jstore.Deployment{Target: "web1"})                                                                        // revoked: never
	mk(a.ID, jstore.CertIssued)                                                                                                            // no target
	mixed := mk(b.ID, jstore.CertIssued, jstore.Deployment{Target: "web1", Serial: "0a"}, jstore.Deployment{Target: "web2", Serial: "09"}) // one target behind

	list := func(at time.Time) []jstore.CertificateID {
		var out []jstore.CertificateID
		require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
			cs, err := tx.(jstore.DeployLister).ListDeploysDue(t.Context(), at, 50)
			for _, c := range cs {
				if c.Account == a.ID || c.Account == b.ID {
					out = append(out, c.ID)
				}
			}
			return err
		}))
		return out
	}
	assert.ElementsMatch(t, []jstore.CertificateID{fresh.ID, mixed.ID}, list(t0))
	later := list(t0.Add(2 * time.Hour))
	require.Len(t, later, 3)
	assert.Equal(t, retry.ID, later[2], "soonest first: the retry an hour on comes last")

	fresh.Deployments[0].Serial = "0a"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &fresh) })
	done.SerialHex = "0b" // reissued: its target is behind again
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &done) })
	assert.ElementsMatch(t, []jstore.CertificateID{done.ID, mixed.ID}, list(t0))

	// The dashboard's counters, where the store keeps them.
	counts := func(acct jstore.AccountID) (behind, other int) {
		require.NoError(t, s.View(t.Context(), func(tx jstore.Tx) error {
			dc, ok := tx.(jstore.DeployCounter)
			if !ok {
				behind, other = -1, -1
				return nil
			}
			var err error
			behind, other, err = dc.CountDeployments(t.Context(), acct)
			return err
		}))
		return behind, other
	}
	if behind, _ := counts(a.ID); behind < 0 {
		return
	}
	mixed.Deployments[0].Problems = []string{"other_certificate"}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &mixed) })
	behind, other := counts(a.ID)
	assert.Equal(t, 1, behind, "a: the reissued one")
	assert.Zero(t, other)
	behind, other = counts(b.ID)
	assert.Equal(t, 2, behind, "b: the retry and the mixed one; not the revoked one")
	assert.Equal(t, 1, other, "b: the mixed one's first target served something else")
	// Every account's, for the metrics: at least these two's (a shared database holds others').
	allBehind, allOther := counts("")
	assert.GreaterOrEqual(t, allBehind, 3)
	assert.GreaterOrEqual(t, allOther, 1)
	mixed.Deployments[1].Serial = "0a"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &mixed) })
	behindNow, otherNow := counts("")
	assert.Equal(t, []int{allBehind - 1, allOther}, []int{behindNow, otherNow}, "every account's count follows a write")
	mixed.Deployments[1].Serial = "09"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &mixed) })
	require.Error(t, s.Update(t.Context(), func(tx jstore.Tx) error {
		mixed.Deployments = nil
		if err := tx.UpdateCertificate(t.Context(), &mixed); err != nil {
			return err
		}
		return errRollback
	}))
	behind, other = counts(b.ID)
	assert.Equal(t, []int{2, 1}, []int{behind, other}, "a rolled-back write changes no counter")
}
