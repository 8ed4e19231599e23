package jstore_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/message"
)

// dcvRig is a simulator that checks domain control the real way, through a loopback DNS
// server and web server that stand for the customer's zone and site, and a Service whose
// preflight looks at the same.
type dcvRig struct {
	*caRig
	zone *catest.DNSServer
	web  *catest.WebServer
	svc  *jstore.Service
}

func newDCVRig(t *testing.T) *dcvRig {
	zone, err := catest.NewDNSServer()
	require.NoError(t, err)
	t.Cleanup(zone.Close)
	web := catest.NewWebServer()
	t.Cleanup(web.Close)
	rig := newCARig(t, catest.WithDNS(zone.Resolver()), catest.WithWeb(web.Client()))
	svc := rig.service(t, jstore.WithDCVResolver(zone.Resolver()), jstore.WithDCVHTTPClient(web.Client()))
	return &dcvRig{caRig: rig, zone: zone, web: web, svc: svc}
}

// ordered registers and orders an application for cn with the DCV method.
func (r *dcvRig) ordered(t *testing.T, acct jstore.AccountID, cn string, dcv jstore.DCVMethod) jstore.Application {
	ctx := t.Context()
	app := registeredWith(t, r.svc, acct, dv1, jstore.Step1{CSR: testkit.CSR(t, nil, cn), Organization: org}, dcv)
	_, err := r.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	app, err = r.svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	return app
}

// validateAndSync asks the CA to validate and expects the next Sync to record the certificate.
func (r *dcvRig) validateAndSync(t *testing.T, acct jstore.AccountID, id jstore.ApplicationID) {
	t.Helper()
	require.NoError(t, r.svc.RequestValidation(t.Context(), acct, id))
	rep, err := r.svc.Sync(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
}

func problemCodesOf(ps []jstore.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// TestDomainControlByDNS: the instructions name the TXT record and its value; the preflight
// finds it missing, then present; CAA records that name another CA forbid, and the check climbs
// to the parent; once ready, the CA validates and Sync records the certificate.
func TestDomainControlByDNS(t *testing.T) {
	t.Parallel()
	r := newDCVRig(t)
	ctx := t.Context()
	acct := r.f.account(t, "dns")
	app := r.ordered(t, acct, "www.example.jp", jstore.DCVDNS)

	dc, err := r.svc.DomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	require.Len(t, dc.Domains, 1)
	step := dc.Domains[0]
	assert.Equal(t, "www.example.jp", step.TXTName)
	require.NotEmpty(t, step.TXTValue, "the unique ID comes from the CA")

	check, err := r.svc.CheckDomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.False(t, check.Ready)
	assert.Equal(t, []string{"dcv_txt_missing"}, problemCodesOf(check.Domains[0].Problems))
	assert.Contains(t, check.Domains[0].Problems[0].Message(message.Japanese), step.TXTValue)

	r.zone.SetTXT("www.example.jp", "v=spf1 -all", step.TXTValue)
	tests := []struct {
		name  string
		setup func()
		ready bool
		codes []string
	}{
		{"no CAA", func() {}, true, nil},
		{"CAA for another CA", func() { r.zone.SetCAA("www.example.jp", catest.CAA{Tag: "issue", Value: "letsencrypt.org"}) }, false, []string{"dcv_caa_forbidden"}},
		{"CAA for Starfield", func() {
			r.zone.SetCAA("www.example.jp", catest.CAA{Tag: "issue", Value: "starfieldtech.com; account=1"})
		}, true, nil},
		{"only the parent's CAA, for another CA", func() {
			r.zone.SetCAA("www.example.jp")
			r.zone.SetCAA("example.jp", catest.CAA{Tag: "issue", Value: "letsencrypt.org"})
		}, false, []string{"dcv_caa_forbidden"}},
		{"the parent's CAA names GoDaddy", func() { r.zone.SetCAA("example.jp", catest.CAA{Tag: "issue", Value: "godaddy.com"}) }, true, nil},
		{"an unknown critical property", func() {
			r.zone.SetCAA("example.jp", catest.CAA{Tag: "issue", Value: "godaddy.com"}, catest.CAA{Flags: 128, Tag: "tbs", Value: "x"})
		}, false, []string{"dcv_caa_forbidden"}},
		{"issuewild does not restrict a plain name", func() { r.zone.SetCAA("example.jp", catest.CAA{Tag: "issuewild", Value: ";"}) }, true, nil},
	}
	for _, tc := range tests {
		tc.setup()
		check, err := r.svc.CheckDomainControl(ctx, acct, app.ID)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.ready, check.Ready, tc.name)
		assert.Equal(t, tc.codes, problemCodesOf(check.Domains[0].Problems), tc.name)
		assert.True(t, check.Domains[0].Found, tc.name)
	}

	r.validateAndSync(t, acct, app.ID)
}

// TestDomainControlByFile: the file's URL and content; found once served; a redirect to
// another host is not followed.
func TestDomainControlByFile(t *testing.T) {
	t.Parallel()
	r := newDCVRig(t)
	ctx := t.Context()
	acct := r.f.account(t, "file")
	app := r.ordered(t, acct, "shop.example.jp", jstore.DCVFile)
	dc, err := r.svc.DomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	step := dc.Domains[0]
	assert.Equal(t, "http://shop.example.jp/.well-known/pki-validation/starfield.html", step.FileURL)

	check, err := r.svc.CheckDomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"dcv_file_missing"}, problemCodesOf(check.Domains[0].Problems))
	r.web.SetValidationFile("shop.example.jp", "starfield.html", step.FileContent+"\n")
	check, err = r.svc.CheckDomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.True(t, check.Ready)

	// A site that redirects to another host holding the ID does not pass: the CA would not
	// follow it either.
	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Host == "elsewhere.example" {
			_, _ = w.Write([]byte(step.FileContent))
			return
		}
		http.Redirect(w, req, "http://elsewhere.example"+req.URL.Path, http.StatusFound)
	}))
	t.Cleanup(redirecting.Close)
	addr := redirecting.Listener.Addr().String()
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}, Timeout: 5 * time.Second}
	svc := r.service(t, jstore.WithDCVResolver(r.zone.Resolver()), jstore.WithDCVHTTPClient(hc))
	check, err = svc.CheckDomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.False(t, check.Domains[0].Found)

	r.validateAndSync(t, acct, app.ID)
}

// TestDomainControlScoped: another account's application is ErrNotFound in every DCV call,
// and an application not yet placed is ErrState.
func TestDomainControlScoped(t *testing.T) {
	t.Parallel()
	r := newDCVRig(t)
	ctx := t.Context()
	acct, other := r.f.account(t, "owner"), r.f.account(t, "other")
	app := r.ordered(t, acct, "www.example.jp", jstore.DCVDNS)
	_, err := r.svc.DomainControl(ctx, other, app.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	_, err = r.svc.CheckDomainControl(ctx, other, app.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	assert.ErrorIs(t, r.svc.RequestValidation(ctx, other, app.ID), jstore.ErrNotFound)
	assert.ErrorIs(t, r.svc.ResendApproverEmail(ctx, other, app.ID, 1), jstore.ErrNotFound)
	cartApp, err := r.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	_, err = r.svc.DomainControl(ctx, acct, cartApp.ID)
	assert.ErrorIs(t, err, jstore.ErrState)
}

// TestChangeDomainControl: before validation a placed order may switch its DCV method or
// approver (the CA then writes to the new address too), under step 2's rules; the root may not
// change, nor another account's order.
func TestChangeDomainControl(t *testing.T) {
	t.Parallel()
	r := newDCVRig(t)
	ctx := t.Context()
	acct, other := r.f.account(t, "fix"), r.f.account(t, "other")
	app := r.ordered(t, acct, "www.example.jp", jstore.DCVDNS)

	app, err := r.svc.ChangeDomainControl(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "Admin@Example.jp"})
	require.NoError(t, err)
	assert.Equal(t, jstore.DCVEmail, app.DCV)
	assert.Equal(t, "admin@example.jp", app.ApproverEmail)
	dc, err := r.svc.DomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, "admin@example.jp", dc.Domains[0].Approver)
	assert.NotEmpty(t, dc.Emails, "the CA's e-mails are listed")

	_, err = r.svc.ChangeDomainControl(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "info@example.jp"})
	assert.Equal(t, []string{"approver_invalid"}, problemCodes(t, err))
	_, err = r.svc.ChangeDomainControl(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy})
	assert.ErrorIs(t, err, jstore.ErrState, "the root is part of the order")
	_, err = r.svc.ChangeDomainControl(ctx, other, app.ID, jstore.Step2{DCV: jstore.DCVDNS})
	assert.ErrorIs(t, err, jstore.ErrNotFound)

	app, err = r.svc.ChangeDomainControl(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS})
	require.NoError(t, err)
	dc, err = r.svc.DomainControl(ctx, acct, app.ID)
	require.NoError(t, err)
	r.zone.SetTXT(dc.Domains[0].TXTName, dc.Domains[0].TXTValue)
	r.validateAndSync(t, acct, app.ID)
}
