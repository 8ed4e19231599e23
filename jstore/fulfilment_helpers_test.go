package jstore_test

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// caRig is a simulator and the options that make Services order from it on one store: each
// call of service is a fresh process sharing the store and the CA.
type caRig struct {
	f       *fixture
	srv     *catest.Server
	adapter *adapter.Adapter
	roots   map[jstore.RootOption]*x509.CertPool
}

func newCARig(t testing.TB, opts ...catest.Option) *caRig {
	t.Helper()
	f := newFixture(t)
	pki := testkit.PKI(t)
	srv, err := catest.NewServer(append([]catest.Option{catest.WithPKI(pki), catest.WithClock(f.clock.Now)}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit(),
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: time.Second}))
	require.NoError(t, err)
	adapter, err := adapter.New(c, srv.CustomerID())
	require.NoError(t, err)
	return &caRig{f: f, srv: srv, adapter: adapter,
		roots: map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: srv.RootPool(catest.Starfield), jstore.RootGoDaddy: srv.RootPool(catest.GoDaddy)}}
}

// service starts a Service on the rig's store and simulator.
func (r *caRig) service(t testing.TB, opts ...jstore.Option) *jstore.Service {
	t.Helper()
	all := append([]jstore.Option{
		jstore.WithClock(r.f.clock.Now), jstore.WithArgon2Params(fastArgon), jstore.WithPricer(prices),
		jstore.WithCA(r.adapter), jstore.WithTrustedRoots(r.roots), jstore.WithPlacementLease(time.Minute),
		jstore.WithSyncBackoff(time.Second, time.Minute),
	}, opts...)
	svc, err := jstore.New(r.f.store, all...)
	require.NoError(t, err)
	return svc
}

// registeredApp starts a new application for cn on svc and registers both steps.
func registeredApp(t testing.TB, f *fixture, svc *jstore.Service, acct jstore.AccountID, sel jstore.Selection, cn string, sans ...string) jstore.Application {
	t.Helper()
	return registeredWith(t, svc, acct, sel, jstore.Step1{CSR: testkit.CSR(t, nil, cn), SANs: sans, Organization: org}, jstore.DCVDNS)
}

// registeredWith starts a new application and registers step 1 as given and step 2 with dcv
// under the Starfield root.
func registeredWith(t testing.TB, svc *jstore.Service, acct jstore.AccountID, sel jstore.Selection, step1 jstore.Step1, dcv jstore.DCVMethod) jstore.Application {
	t.Helper()
	ctx := t.Context()
	app, err := svc.StartNew(ctx, acct, sel)
	require.NoError(t, err)
	_, err = svc.SubmitStep1(ctx, acct, app.ID, step1)
	require.NoError(t, err)
	app, err = svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: dcv, Root: jstore.RootStarfield})
	require.NoError(t, err)
	return app
}

// orderedAndIssued orders app through the CA and lets one Sync record its certificate.
func orderedAndIssued(t testing.TB, svc *jstore.Service, acct jstore.AccountID, app jstore.Application) (jstore.Application, jstore.Certificate) {
	t.Helper()
	ctx := t.Context()
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	cert, err := svc.GetCertificate(ctx, acct, app.Certificate)
	require.NoError(t, err)
	return app, cert
}

// reissuedWithNewKey submits a reissue of cert with a new key under root, returning the
// submitted application and the new CSR.
func reissuedWithNewKey(t *testing.T, svc *jstore.Service, acct jstore.AccountID, cert jstore.CertificateID, root jstore.RootOption) (jstore.Application, string) {
	t.Helper()
	ctx := t.Context()
	re, err := svc.StartReissue(ctx, acct, cert)
	require.NoError(t, err)
	csr := testkit.CSR(t, testkit.NewKey(t), "www.example.jp")
	_, err = svc.SubmitStep1(ctx, acct, re.ID, jstore.Step1{CSR: csr, Organization: org})
	require.NoError(t, err)
	_, err = svc.SubmitStep2(ctx, acct, re.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: root})
	require.NoError(t, err)
	re, err = svc.SubmitReissue(ctx, acct, re.ID)
	require.NoError(t, err)
	return re, csr
}
