package jstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// newKeys is a KeySource that makes a CSR with a fresh key for the lineage's name.
type newKeys struct{}

func (newKeys) NewCSR(_ context.Context, c jstore.Certificate) (string, error) {
	_, req, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: c.CommonName}})
	return string(req), err
}

// TestReissuesDue: once two thirds of a certificate's life has passed, the dashboard and Sync
// count it; with a key source Sync reissues it through the CA, and the count falls back.
func TestReissuesDue(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	counting := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "due")
	app := registeredApp(t, rig.f, counting, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 2}, "www.example.jp")
	_, err := counting.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	rep, err := counting.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Issued)
	app, err = counting.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	cert, err := counting.GetCertificate(ctx, acct, app.Certificate)
	require.NoError(t, err)
	due, _, ok := jstore.NextReissue(cert)
	require.True(t, ok)

	rig.f.clock.Set(due.Add(-time.Second))
	d, err := counting.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Zero(t, d.ReissuesDue, "a second before it falls due")
	rig.f.clock.Set(due)
	d, err = counting.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, 1, d.ReissuesDue, "due at that instant")
	rep, err = counting.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, jstore.SyncReport{ReissuesDue: 1}, rep, "without a key source Sync only reports it")

	reissuing := rig.service(t, jstore.WithKeySource(newKeys{}))
	rep, err = reissuing.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Reissued)
	rig.f.clock.Set(due.Add(time.Minute))
	rep, err = reissuing.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
	next, err := reissuing.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.NotEqual(t, cert.SerialHex, next.SerialHex)
	assert.True(t, next.NotAfter.After(cert.NotAfter))
	d, err = reissuing.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Zero(t, d.ReissuesDue)
}

// TestReissueAfterEmailSunset: a certificate validated by approver e-mail is reissued after
// 2028-03-15 by the DNS method, since e-mail validation may no longer serve an issuance.
func TestReissueAfterEmailSunset(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t, jstore.WithKeySource(newKeys{}))
	ctx := t.Context()
	acct := rig.f.account(t, "sunset")
	app, err := svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 3})
	require.NoError(t, err)
	_, err = svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), Organization: org})
	require.NoError(t, err)
	_, err = svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.jp", Root: jstore.RootStarfield})
	require.NoError(t, err)
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	require.Equal(t, jstore.StatusIssued, app.Status)

	rig.f.clock.Set(cabf.EmailDCVSunset().Add(time.Hour))
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Reissued)
	c, err := svc.GetCertificate(ctx, acct, app.Certificate)
	require.NoError(t, err)
	re, err := svc.GetApplication(ctx, acct, c.OpenReissue)
	require.NoError(t, err)
	assert.Equal(t, jstore.DCVDNS, re.DCV, "the e-mail method is past its sunset")
}
