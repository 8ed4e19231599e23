package jstore_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/files"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/keystore"
	"github.com/jstore-sdk/sdk/tlscheck"
)

// countingDeployer counts its calls and fails while fail is set.
type countingDeployer struct {
	next  deploy.Deployer
	calls atomic.Int32
	fail  atomic.Bool
}

func (d *countingDeployer) Deploy(ctx context.Context, b deploy.Bundle) error {
	d.calls.Add(1)
	if d.fail.Load() {
		return &deploy.Error{Code: "reload", Target: "web1", RolledBack: true, Err: errors.New("nginx: [emerg] test")}
	}
	if d.next == nil {
		return nil
	}
	return d.next.Deploy(ctx, b)
}

func heldKeys(t *testing.T, rig *caRig) *keystore.Keys {
	s, err := keystore.NewSealer("k1", map[keystore.KeyID][]byte{"k1": make([]byte, 32)})
	require.NoError(t, err)
	k, err := keystore.New(rig.f.store, s)
	require.NoError(t, err)
	return k
}

// heldOrder orders a certificate for cn whose key the panel holds (a CSR from keys) and runs
// Sync until it is recorded.
func heldOrder(t *testing.T, rig *caRig, svc *jstore.Service, keys *keystore.Keys, acct jstore.AccountID, cn string) jstore.Certificate {
	ctx := t.Context()
	csrPEM, err := keys.NewCSR(ctx, jstore.Certificate{ID: "first", Account: acct, CommonName: cn})
	require.NoError(t, err)
	app := registeredWith(t, svc, acct, dv1, jstore.Step1{CSR: csrPEM, Organization: org}, jstore.DCVDNS)
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	syncUntil(t, rig, svc, func() bool {
		app, err = svc.GetApplication(ctx, acct, app.ID)
		require.NoError(t, err)
		return app.IssuedCertificate() != ""
	})
	c, err := svc.GetCertificate(ctx, acct, app.IssuedCertificate())
	require.NoError(t, err)
	return c
}

// syncUntil runs Sync, moving the clock a minute a pass, until done (5 s at most); the passes
// wait a little for the background work that CompleteOrder and SubmitReissue start.
func syncUntil(t *testing.T, rig *caRig, svc *jstore.Service, done func() bool) {
	t.Helper()
	for range 50 {
		rep, err := svc.Sync(t.Context())
		require.NoError(t, err)
		require.Empty(t, rep.Issues)
		if done() {
			return
		}
		time.Sleep(100 * time.Millisecond)
		rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	}
	t.Fatal("not done after 50 passes")
}

// TestDeployedWithNobodyTouchingIt: a certificate whose key the panel holds is issued — its
// validation published in a real Knot DNS, which the simulator checks — deployed by Sync to a
// real nginx and seen served over TLS; reissued by Sync with a new key from the KeySource and a
// fresh validation through the publisher, deployed again, and the newer serial is seen served:
// no step taken by a person after the order.
func TestDeployedWithNobodyTouchingIt(t *testing.T) {
	t.Parallel()
	kr := newKnotRig(t)
	rig := kr.caRig
	keys := heldKeys(t, rig)
	const site = "www.example.jp"
	is := testkit.NewIssuer(t)
	_, placeholder, placeholderKey := is.Leaf(t, 1, time.Now().AddDate(0, 1, 0), site)
	n := testkit.StartTLSNginx(t, func(string) ([]byte, []byte) { return placeholder, placeholderKey }, site)
	web1, err := files.New(files.Config{Name: "web1", Dirs: []string{n.Dir}, FullChain: n.FullChain(site), Key: n.Key(site), Test: n.Test, Reload: n.Reload})
	require.NoError(t, err)
	counted := &countingDeployer{next: web1}
	// Leases last an hour: the test moves the clock a minute a pass while the background work
	// goes on in real time.
	checker := &tlscheck.Checker{Timeout: 5 * time.Second, Now: rig.f.clock.Now}
	svc := rig.service(t, jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": counted}),
		jstore.WithDeployChecks(checker, map[string]string{"web1": n.Addr}),
		jstore.WithPublishers(kr.pub), jstore.WithDCVResolver(kr.resolver), jstore.WithPlacementLease(time.Hour))
	ctx := t.Context()
	acct := rig.f.account(t, "deploy")
	cert := heldOrder(t, rig, svc, keys, acct, site)

	_, err = svc.AddDeployTarget(ctx, acct, cert.ID, "web2")
	assert.ErrorIs(t, err, jstore.ErrInvalid, "a target the Service was not given")
	_, err = svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	served := func(want jstore.Certificate) tlscheck.Result {
		return checker.Check(ctx, tlscheck.Target{Name: site, Addr: n.Addr}, tlscheck.Want{Leaf: testkit.ParseLeaf(t, want.PEM), Roots: rig.roots[jstore.RootStarfield]})
	}
	// settled: nginx's old workers finish after a reload, and may take a connection or two
	// meanwhile; the test's clock moves faster than that, so it waits for five in a row.
	settled := func(ok func() bool) bool {
		for range 5 {
			if !ok() {
				return false
			}
		}
		return true
	}

	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Deployed, "%+v", rep.Issues)
	assert.Eventually(t, func() bool { return settled(func() bool { return served(cert).OK() }) }, 5*time.Second, 20*time.Millisecond,
		"nginx serves the issued certificate, chain complete")
	n.WaitOldWorkers(t)
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep.Deployed)
	assert.Equal(t, int32(1), counted.calls.Load(), "at most once per certificate and target")

	// A minute on, Sync checks the live site and records that it serves the certificate.
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	c, err := svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, cert.SerialHex, c.Deployments[0].Served)
	assert.Empty(t, c.Deployments[0].Problems)
	assert.Equal(t, rig.f.clock.Now().UTC(), c.Deployments[0].CheckedAt)

	// Somebody puts another certificate on the server: the next day's check finds it, once.
	require.NoError(t, os.WriteFile(n.FullChain(site), placeholder, 0o644))
	require.NoError(t, os.WriteFile(n.Key(site), placeholderKey, 0o600))
	require.NoError(t, exec.Command(n.Reload[0], n.Reload[1:]...).Run())
	require.Eventually(t, func() bool { return settled(func() bool { return !served(cert).OK() }) }, 5*time.Second, 20*time.Millisecond)
	n.WaitOldWorkers(t) // the old worker, serving the certificate, takes connections until it exits
	for range 2 {
		rig.f.clock.Set(rig.f.clock.Now().Add(24 * time.Hour))
		_, err = svc.Sync(ctx)
		require.NoError(t, err)
	}
	c, err = svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Contains(t, c.Deployments[0].Problems, tlscheck.CodeOtherCertificate)
	assert.Equal(t, "1", c.Deployments[0].Served, "the placeholder's serial")
	assert.Equal(t, 1, countEvents(t, svc, acct)[jstore.EventDeployMismatch], "reported when it starts, not every day")
	dash, err := svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, 1, dash.ServedOther, "served ≠ current, on the dashboard")
	assert.Equal(t, int32(1), counted.calls.Load(), "a check deploys nothing")

	due, needsDCV, ok := jstore.NextReissue(cert)
	require.True(t, ok)
	require.True(t, needsDCV, "the reissue validates afresh, through the publisher")
	rig.f.clock.Set(due)
	syncUntil(t, rig, svc, func() bool { return counted.calls.Load() == 2 })
	next, err := svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	require.NotEqual(t, cert.SerialHex, next.SerialHex)
	assert.Eventually(t, func() bool { return served(next).OK() }, 5*time.Second, 20*time.Millisecond, "nginx serves the reissued certificate")
	// Old workers finish their connections after a reload: give them a moment.
	assert.Eventually(t, func() bool {
		c := served(cert).Codes()
		return len(c) == 1 && c[0] == tlscheck.CodeOtherCertificate
	}, 5*time.Second, 20*time.Millisecond, "and no longer the first")
	assert.Equal(t, int32(2), counted.calls.Load())
	assert.Equal(t, next.SerialHex, next.Deployments[0].Serial)
	ev := countEvents(t, svc, acct)
	assert.Equal(t, 2, ev[jstore.EventDeploySucceeded])
	assert.Equal(t, 2, ev[jstore.EventDCVPublished], "both validations published by Sync")
}

// TestDeploymentRetries: a deployment that fails is reported (StepDeploy, the deployer's
// error), recorded with an event, and tried again after the back-off — not in every pass; a
// pass with nothing to deploy calls no deployer.
func TestDeploymentRetries(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	keys := heldKeys(t, rig)
	d := &countingDeployer{}
	svc := rig.service(t, jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": d}),
		jstore.WithSyncBackoff(time.Minute, time.Hour))
	ctx := t.Context()
	acct := rig.f.account(t, "retry")
	cert := heldOrder(t, rig, svc, keys, acct, "www.example.jp")
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Zero(t, d.calls.Load(), "no target, no call")

	_, err = svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	d.fail.Store(true)
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	require.Len(t, rep.Issues, 1)
	assert.Equal(t, jstore.StepDeploy, rep.Issues[0].Step)
	assert.ErrorIs(t, rep.Issues[0].Err, deploy.ErrReload)
	c, err := svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.Deployments[0].Attempts)
	assert.Contains(t, c.Deployments[0].LastError, "rolled back")
	var csvOut strings.Builder
	_, err = svc.ExportCSV(ctx, acct, &csvOut, jstore.CSVOptions{Encoding: jstore.UTF8})
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(csvOut.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	last := len(rows[0]) - 3
	assert.Equal(t, []string{"配置先", "未配置の配置先", "配信が異なる配置先"}, rows[0][last:])
	assert.Equal(t, []string{"web1", "web1", ""}, rows[1][last:], "in the CSV: a target, not deployed yet")
	dash, err := svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, 1, dash.NotYetDeployed, "and on the dashboard")

	for range 3 {
		_, err = svc.Sync(ctx)
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), d.calls.Load(), "not again before the back-off")
	d.fail.Store(false)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Deployed)
	assert.Equal(t, int32(2), d.calls.Load())
	dash, err = svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Zero(t, dash.NotYetDeployed)
	n := countEvents(t, svc, acct)
	assert.Equal(t, 1, n[jstore.EventDeployFailed])
	assert.Equal(t, 1, n[jstore.EventDeploySucceeded])
	assert.Equal(t, 1, n[jstore.EventDeployTargetAdded])
}
