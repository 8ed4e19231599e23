package jstore_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/seal"
)

// sealCA counts the seal requests, and can answer with HTML of its own.
type sealCA struct {
	jstore.CA
	calls atomic.Int32
	html  string
}

func (c *sealCA) SiteSeal(ctx context.Context, id jstore.CAOrderID, st jstore.SealStyle) (string, error) {
	c.calls.Add(1)
	if c.html != "" {
		return c.html, nil
	}
	return c.CA.SiteSeal(ctx, id, st)
}

// TestSiteSeal: the seal belongs to the lineage — reissue and renewal keep the same snippet —,
// is cached per lineage, language and theme, and HTML of an unexpected shape is refused.
func TestSiteSeal(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	counting := &sealCA{CA: rig.adapter}
	svc := rig.service(t, jstore.WithCA(counting))
	ctx := t.Context()
	acct := rig.f.account(t, "seal")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)
	certID := cert.ID

	ja, err := svc.SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	require.NoError(t, err)
	assert.Contains(t, string(ja), `data-lang="ja" data-theme="light"`)
	dark, err := svc.SiteSeal(ctx, acct, certID, seal.Style{Lang: "en", Dark: true})
	require.NoError(t, err)
	assert.NotEqual(t, ja, dark)
	again, err := svc.SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	require.NoError(t, err)
	assert.Equal(t, ja, again)
	assert.EqualValues(t, 2, counting.calls.Load(), "cached per lineage, language and theme")

	// A reissue with a new key, then a renewal: the snippet a customer pasted stays valid.
	_, newCSR := reissuedWithNewKey(t, svc, acct, certID, jstore.RootStarfield)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	fresh := rig.service(t, jstore.WithCA(counting)) // no cache: what the CA serves now
	afterReissue, err := fresh.SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	require.NoError(t, err)
	assert.Equal(t, ja, afterReissue, "the same snippet after a reissue")

	cert, err = svc.GetCertificate(ctx, acct, certID)
	require.NoError(t, err)
	rig.f.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	renewal, err := svc.StartRenewal(ctx, acct, certID, jstore.Selection{Term: 1})
	require.NoError(t, err)
	_, err = svc.SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	assert.ErrorIs(t, err, jstore.ErrCertificateLocked, "locked while the renewal is in the cart")
	registeredRenewal(t, svc, acct, renewal.ID, newCSR)
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{renewal.ID})
	require.NoError(t, err)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	afterRenewal, err := rig.service(t, jstore.WithCA(counting)).SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	require.NoError(t, err)
	assert.Equal(t, ja, afterRenewal, "the same snippet after a renewal")

	_, err = svc.SiteSeal(ctx, rig.f.account(t, "other"), certID, seal.Style{Lang: "ja"})
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	hostile := &sealCA{CA: rig.adapter, html: `<span id="siteseal"><script src="https://evil.example/x.js"></script></span>`}
	_, err = rig.service(t, jstore.WithCA(hostile)).SiteSeal(ctx, acct, certID, seal.Style{Lang: "ja"})
	assert.ErrorIs(t, err, seal.ErrShape)
}
