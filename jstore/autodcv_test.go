package jstore_test

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/dcv/rfc2136"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// knotRig is the simulator validating by DNS against a real Knot DNS that serves example.jp
// (and jp, so that CAA lookups climb to an answer), and a DNS publisher updating that Knot by
// RFC 2136.
type knotRig struct {
	*caRig
	knot     *testkit.Knot
	resolver *net.Resolver
	pub      *dcv.DNS
}

func newKnotRig(t *testing.T, opts ...catest.Option) *knotRig { return newKnotRigB(t, opts...) }

func newKnotRigB(t testing.TB, opts ...catest.Option) *knotRig {
	t.Helper()
	knot := testkit.StartKnot(t,
		testkit.KnotZone{Apex: "jp", Records: []string{"@ NS ns1.example.jp."}},
		testkit.KnotZone{Apex: "example.jp", Records: []string{"@ NS ns1", "ns1 A 127.0.0.1"}})
	res := testkit.Resolver(knot.Addr)
	provider, err := newProvider(knot)
	require.NoError(t, err)
	pub, err := dcv.NewDNS(provider, dcv.DNSConfig{Resolver: knot.Addr, NameserverPort: knot.Port, Poll: 20 * time.Millisecond, Wait: 5 * time.Second})
	require.NoError(t, err)
	return &knotRig{caRig: newCARig(t, append([]catest.Option{catest.WithDNS(res)}, opts...)...), knot: knot, resolver: res, pub: pub}
}

// countEvents counts the account's events of each type.
func countEvents(t *testing.T, svc *jstore.Service, acct jstore.AccountID) map[jstore.EventType]int {
	t.Helper()
	n := map[jstore.EventType]int{}
	opts := jstore.ListOptions{Limit: jstore.MaxPageLimit}
	for {
		page, err := svc.Events(t.Context(), acct, opts)
		require.NoError(t, err)
		for _, e := range page.Items {
			n[e.Type]++
		}
		if page.Next == "" {
			return n
		}
		opts.Cursor = page.Next
	}
}

// TestUnattendedSubscription: a three-year subscription bought under the 2029 schedule (47-day
// certificates, 10-day validation reuse) runs through its reissues with nobody publishing
// anything: Sync reissues with the KeySource's CSR, publishes the TXT record in a real Knot DNS,
// sees it, asks the simulator — which validates for real, against that Knot — and removes the
// record; every record published is removed.
func TestUnattendedSubscription(t *testing.T) {
	t.Parallel()
	r := newKnotRig(t)
	r.f.clock.Set(time.Date(2029, 3, 20, 10, 0, 0, 0, time.UTC))
	// Leases last an hour: the test moves the clock a minute a pass while the work that
	// CompleteOrder and SubmitReissue start in the background goes on in real time.
	svc := r.service(t, jstore.WithPublishers(r.pub), jstore.WithDCVResolver(r.resolver), jstore.WithKeySource(newKeys{}), jstore.WithPlacementLease(time.Hour))
	ctx := t.Context()
	acct := r.f.account(t, "unattended")
	app := registeredApp(t, r.f, svc, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 3}, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)

	// syncUntilNew runs Sync, moving the clock a minute a pass, until the lineage holds a
	// certificate other than was (5 s at most); the passes wait a little for the background
	// work that CompleteOrder and SubmitReissue start, which holds the application's lease
	// meanwhile (a DNS update and its propagation take up to a second on loopback).
	serials := map[string]bool{}
	syncUntilNew := func(was string) jstore.Certificate {
		t.Helper()
		for range 50 {
			time.Sleep(100 * time.Millisecond)
			rep, err := svc.Sync(ctx)
			require.NoError(t, err)
			for _, is := range rep.Issues {
				require.NotEqual(t, jstore.StepCleanup, is.Step, "%v", is.Err)
			}
			app, err = svc.GetApplication(ctx, acct, app.ID)
			require.NoError(t, err)
			if id := app.IssuedCertificate(); id != "" {
				c, err := svc.GetCertificate(ctx, acct, id)
				require.NoError(t, err)
				if c.SerialHex != was {
					return c
				}
			}
			r.f.clock.Set(r.f.clock.Now().Add(time.Minute))
		}
		t.Fatalf("no new certificate after %s", was)
		return jstore.Certificate{}
	}
	cert := syncUntilNew("")
	serials[cert.SerialHex] = true
	for {
		due, needsDCV, ok := jstore.NextReissue(cert)
		if !ok {
			break
		}
		assert.True(t, needsDCV, "a 10-day validation is stale by the next reissue: %s %s %s %s", cert.NotBefore, cert.NotAfter, cert.ValidatedAt, due)
		r.f.clock.Set(due)
		cert = syncUntilNew(cert.SerialHex)
		require.False(t, serials[cert.SerialHex])
		serials[cert.SerialHex] = true
	}
	assert.GreaterOrEqual(t, len(serials), 3*365/47, "three years served by 47-day certificates, to the end")
	n := countEvents(t, svc, acct)
	assert.Equal(t, len(serials), n[jstore.EventDCVPublished], "one record a certificate: each needed a fresh validation")
	assert.Equal(t, n[jstore.EventDCVPublished], n[jstore.EventDCVRemoved], "every record published was removed")
	assert.Zero(t, n[jstore.EventDCVPublishFailed])
	assert.Empty(t, testkit.TXT(t, r.knot.Addr, "www.example.jp"), "nothing is left in the zone")
	t.Logf("%d certificates, %d records published and removed", len(serials), n[jstore.EventDCVPublished])
}

// TestPublishingFailsSafely: a domain no publisher serves is left to the customer; a record
// that cannot be published is reported with the step and the publisher's reason and retried;
// a crash after the intent was kept leaves something a later Sync removes.
func TestPublishingFailsSafely(t *testing.T) {
	t.Parallel()
	r := newKnotRig(t)
	ctx := t.Context()
	acct := r.f.account(t, "unserved")

	only, err := dcv.NewDNS(mustProvider(t, r.knot), dcv.DNSConfig{Resolver: r.knot.Addr, NameserverPort: r.knot.Port, Zones: []string{"other.jp"}})
	require.NoError(t, err)
	svc := r.service(t, jstore.WithPublishers(only), jstore.WithDCVResolver(r.resolver))
	app := registeredApp(t, r.f, svc, acct, dv1, "www.example.jp")
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	// CompleteOrder's background pass reads the order first and reschedules it; the test's
	// pass comes after it.
	require.Eventually(t, func() bool {
		a, err := svc.GetApplication(ctx, acct, app.ID)
		return err == nil && a.NextCheck.After(r.f.clock.Now())
	}, 5*time.Second, 5*time.Millisecond)
	r.f.clock.Set(r.f.clock.Now().Add(time.Hour))
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Issues)
	assert.Equal(t, jstore.StepValidate, rep.Issues[0].Step, "the preflight finds nothing: the customer has to publish")
	var ve *jstore.ValidationError
	require.ErrorAs(t, rep.Issues[0].Err, &ve)
	assert.True(t, ve.Has("dcv_txt_missing"))
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Empty(t, app.Published)
	assert.Empty(t, testkit.TXT(t, r.knot.Addr, "www.example.jp"))

	broken, err := dcv.NewDNS(mustProvider(t, r.knot), dcv.DNSConfig{Resolver: "127.0.0.1:1", QueryTimeout: 100 * time.Millisecond})
	require.NoError(t, err)
	failing := r.service(t, jstore.WithPublishers(broken), jstore.WithDCVResolver(r.resolver))
	r.f.clock.Set(r.f.clock.Now().Add(time.Hour))
	rep, err = failing.Sync(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Issues)
	var de *dcv.Error
	require.ErrorAs(t, rep.Issues[0].Err, &de)
	assert.Equal(t, dcv.CodeZoneNotFound, de.Code)
	assert.Contains(t, jstore.ErrorMessage(rep.Issues[0].Err, "ja"), "DNSゾーンが見つかりません")
	assert.Equal(t, 1, countEvents(t, failing, acct)[jstore.EventDCVPublishFailed])

	// A crash after the intent was kept: the publication was made, the record says only the
	// intent. The working publisher's Sync publishes again (no second copy), validates, and
	// removes it.
	unique, err := r.srv.UniqueID(string(app.CAOrderID))
	require.NoError(t, err)
	intent := dcv.Challenge{Domain: "www.example.jp", Method: dcv.MethodDNS, TXTName: "www.example.jp", Value: unique}
	_, err = r.pub.Publish(ctx, intent)
	require.NoError(t, err)
	require.NoError(t, r.f.store.Update(ctx, func(tx jstore.Tx) error {
		cur, err := tx.GetApplication(ctx, acct, app.ID)
		if err != nil {
			return err
		}
		cur.Published = append(cur.Published, intent.Intent())
		return tx.UpdateApplication(ctx, &cur)
	}))
	working := r.service(t, jstore.WithPublishers(r.pub), jstore.WithDCVResolver(r.resolver))
	for range 5 {
		r.f.clock.Set(r.f.clock.Now().Add(time.Hour))
		_, err = working.Sync(ctx)
		require.NoError(t, err)
	}
	app, err = working.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusIssued, app.Status)
	assert.Empty(t, app.Published)
	assert.Empty(t, testkit.TXT(t, r.knot.Addr, "www.example.jp"), "what the dead process published is gone")
}

func mustProvider(t *testing.T, knot *testkit.Knot) *rfc2136.Provider {
	t.Helper()
	p, err := newProvider(knot)
	require.NoError(t, err)
	return p
}

func newProvider(knot *testkit.Knot) (*rfc2136.Provider, error) {
	return rfc2136.New(knot.Addr, knot.KeyName, knot.Secret)
}

// TestUnattendedFileValidation: with the file method, Sync writes the file under the site's
// document root, a real nginx serves it to the preflight and to the simulator's validation, and
// the file is gone once the certificate is issued.
func TestUnattendedFileValidation(t *testing.T) {
	t.Parallel()
	ng := testkit.StartNginx(t, "www.example.jp")
	r := newKnotRig(t, catest.WithWeb(ng.Client()))
	webroot, err := dcv.NewWebRoot(ng.Roots)
	require.NoError(t, err)
	svc := r.service(t, jstore.WithPublishers(r.pub, webroot), jstore.WithDCVResolver(r.resolver), jstore.WithDCVHTTPClient(ng.Client()), jstore.WithPlacementLease(time.Hour))
	ctx := t.Context()
	acct := r.f.account(t, "file")
	app := registeredWith(t, svc, acct, dv1, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), Organization: org}, jstore.DCVFile)
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	for range 50 {
		time.Sleep(20 * time.Millisecond) // the background work CompleteOrder started holds the lease
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		for _, is := range rep.Issues {
			require.NotEqual(t, jstore.StepCleanup, is.Step, "%v", is.Err)
		}
		if app, err = svc.GetApplication(ctx, acct, app.ID); err == nil && app.Status == jstore.StatusIssued {
			break
		}
		r.f.clock.Set(r.f.clock.Now().Add(time.Minute))
	}
	require.Equal(t, jstore.StatusIssued, app.Status)
	n := countEvents(t, svc, acct)
	assert.Equal(t, 1, n[jstore.EventDCVPublished])
	assert.Equal(t, 1, n[jstore.EventDCVRemoved])
	resp, err := ng.Client().Get("http://www.example.jp/.well-known/pki-validation/starfield.html")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "the file is gone")
}

// countingPublisher counts the calls made of a publisher.
type countingPublisher struct {
	dcv.Publisher
	calls atomic.Int64
}

func (c *countingPublisher) Publish(ctx context.Context, ch dcv.Challenge) (dcv.Publication, error) {
	c.calls.Add(1)
	return c.Publisher.Publish(ctx, ch)
}

func (c *countingPublisher) Remove(ctx context.Context, p dcv.Publication) error {
	c.calls.Add(1)
	return c.Publisher.Remove(ctx, p)
}

// TestNothingWaitingCostsNothing: once the certificate is issued and its record removed, Sync
// passes make no DNS query and no publisher call.
func TestNothingWaitingCostsNothing(t *testing.T) {
	t.Parallel()
	r := newKnotRig(t)
	counter := testkit.CountQueries(t, r.knot.Addr)
	res := testkit.Resolver(counter.Addr)
	dnsPub, err := dcv.NewDNS(mustProvider(t, r.knot), dcv.DNSConfig{Resolver: counter.Addr, NameserverPort: counter.Port, Poll: 20 * time.Millisecond})
	require.NoError(t, err)
	pub := &countingPublisher{Publisher: dnsPub}
	svc := r.service(t, jstore.WithPublishers(pub), jstore.WithDCVResolver(res), jstore.WithPlacementLease(time.Hour))
	ctx := t.Context()
	acct := r.f.account(t, "idle")
	app := registeredApp(t, r.f, svc, acct, dv1, "www.example.jp")
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	for range 50 {
		time.Sleep(20 * time.Millisecond)
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
		if app, err = svc.GetApplication(ctx, acct, app.ID); err == nil && app.Status == jstore.StatusIssued {
			break
		}
		r.f.clock.Set(r.f.clock.Now().Add(time.Minute))
	}
	require.Equal(t, jstore.StatusIssued, app.Status)
	require.Equal(t, int64(2), pub.calls.Load(), "one publication and its removal")
	queries := counter.Queries()
	require.Positive(t, queries)
	t.Logf("%d DNS queries for one validation (zone, name servers, propagation, preflight TXT and CAA)", queries)
	for range 5 {
		r.f.clock.Set(r.f.clock.Now().Add(time.Hour))
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	assert.Equal(t, int64(2), pub.calls.Load(), "no publisher call with nothing waiting")
	assert.Equal(t, queries, counter.Queries(), "no DNS query with nothing waiting")
}

// TestPublicationsWithoutAPublisher: a Service started without the publishers an earlier one
// used still records the certificate, and says what it could not remove.
func TestPublicationsWithoutAPublisher(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "dropped")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	left := dcv.Publication{Domain: "www.example.jp", Method: dcv.MethodDNS, Zone: "example.jp.", Name: "www", Value: "v"}
	require.NoError(t, rig.f.store.Update(ctx, func(tx jstore.Tx) error {
		cur, err := tx.GetApplication(ctx, acct, app.ID)
		if err != nil {
			return err
		}
		cur.Published = []dcv.Publication{left}
		return tx.UpdateApplication(ctx, &cur)
	}))
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
	require.Len(t, rep.Issues, 1)
	assert.Equal(t, jstore.StepCleanup, rep.Issues[0].Step)
	assert.ErrorContains(t, rep.Issues[0].Err, "WithPublishers")
}
