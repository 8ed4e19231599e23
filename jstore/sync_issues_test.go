package jstore_test

import (
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/message"
)

// TestSyncSaysWhy: the newcomer's case — the simulator without WithTrustedRoots. The pass
// that flags the certificate says which application, at what step and why, in both languages,
// and its Go error names the option to use; the history keeps the reason's code.
func TestSyncSaysWhy(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t, jstore.WithTrustedRoots(map[jstore.RootOption]*x509.CertPool{jstore.RootGoDaddy: x509.NewCertPool()}))
	ctx := t.Context()
	acct := rig.f.account(t, "newcomer")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Flagged)
	require.Len(t, rep.Issues, 1)
	is := rep.Issues[0]
	assert.Equal(t, app.ID, is.Application)
	assert.Equal(t, acct, is.Account)
	assert.Equal(t, jstore.StepVerify, is.Step)
	var fe *jstore.FlagError
	require.ErrorAs(t, is.Err, &fe)
	assert.ErrorIs(t, is.Err, jstore.ErrIssuanceFlagged)
	assert.Equal(t, "chain", fe.Code)
	assert.Contains(t, is.Err.Error(), "WithTrustedRoots")
	assert.Equal(t, "認証局が発行した証明書を、選択したルート証明書まで検証できません。信頼するルート証明書の設定を確認してください。", jstore.ErrorMessage(is.Err, message.Japanese))
	assert.Equal(t, "the certificate the CA issued does not verify to the chosen root; check the roots the panel trusts", jstore.ErrorMessage(is.Err, message.English))

	hist, err := svc.Events(ctx, acct, jstore.ListOptions{})
	require.NoError(t, err)
	var codes []string
	for _, e := range hist.Items {
		if e.Type == jstore.EventIssuanceFlagged {
			codes = append(codes, e.Detail["code"])
		}
	}
	assert.Equal(t, []string{"chain"}, codes)
}

// TestSyncIssuesAreBounded: a CA that fails every call is reported item by item up to a
// bound, and counted in full.
func TestSyncIssuesAreBounded(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	placer := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "bounded-issues")
	for range 120 {
		app := registeredApp(t, rig.f, placer, acct, dv1, "www.example.jp")
		_, err := placer.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
		require.NoError(t, err)
	}
	require.NoError(t, rig.srv.InjectFaults(catest.AllRoutes, catest.Fault{Kind: catest.FaultStatus, Status: 503, Share: 1}))
	rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Hour))
	rep, err := placer.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 120, rep.Failed)
	assert.Len(t, rep.Issues, 100)
	for _, is := range rep.Issues {
		assert.Equal(t, jstore.StepStatus, is.Step)
		assert.True(t, errors.Is(is.Err, jstore.ErrCAUnavailable), "%v", is.Err)
	}
}
