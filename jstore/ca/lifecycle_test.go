package ca_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// callbackSink records the actions the simulator POSTs.
type callbackSink struct {
	mu      sync.Mutex
	actions []ca.ActionType
}

func (s *callbackSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var a ca.Action
	if json.NewDecoder(r.Body).Decode(&a) == nil {
		s.mu.Lock()
		s.actions = append(s.actions, a.Type)
		s.mu.Unlock()
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *callbackSink) has(t ca.ActionType) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Contains(s.actions, t)
}

// TestLifecycle runs one UCC order through everything: validate, create, DCV by DNS and by
// file through loopback servers, issuance, download and chain verification, reissue with a new
// key and a root switch, delayed revocation of the old certificate, renewal in its window, the
// seal, e-mails, callbacks, listing and revocation.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	dns, err := catest.NewDNSServer()
	require.NoError(t, err)
	t.Cleanup(dns.Close)
	web := catest.NewWebServer()
	t.Cleanup(web.Close)
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	t.Cleanup(hook.Close)
	clk := testkit.NewClock(time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC))
	srv, c := testkit.Simulator(t, catest.WithDNS(dns.Resolver()), catest.WithWeb(web.Client()), catest.WithClock(clk.Now))
	ctx := t.Context()

	req := ca.CreateRequest{
		CallbackURL: hook.URL + "/cb", Contact: contact, CSR: csrFor(t, nil, "example.jp", "shop.example.jp"),
		Period: 1, ProductType: ca.ProductUCCDVSSL, RootType: ca.StarfieldSHA2, SlotSize: ca.SlotsFive,
		SubjectAlternativeNames: []string{"shop.example.jp"},
	}
	require.NoError(t, c.Certificates.Validate(ctx, req))
	id, err := c.Certificates.Create(ctx, req)
	require.NoError(t, err)

	got, err := c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, ca.StatusPendingIssuance, got.Status)
	assert.Equal(t, "example.jp", got.CommonName)
	_, err = c.Certificates.Download(ctx, id)
	assert.ErrorIs(t, err, ca.ErrConflict, "nothing to download yet")
	_, err = c.Certificates.SiteSeal(ctx, id, ca.SiteSealOptions{})
	assert.ErrorIs(t, err, ca.ErrConflict)
	assert.ErrorIs(t, c.Certificates.VerifyDomainControl(ctx, id), ca.ErrConflict, "no token published yet")

	// The unique ID comes from the API itself (v2 dceToken); publish it by DNS for the CN and by
	// file for the SAN.
	vs, err := c.Customers.DomainVerifications(ctx, srv.CustomerID(), id)
	require.NoError(t, err)
	require.Len(t, vs, 2)
	token := vs[0].DCEToken
	require.NotEmpty(t, token)
	assert.Equal(t, ca.DomainAwaiting, vs[0].Status)
	dns.SetTXT("example.jp", "unrelated", token)
	web.SetValidationFile("shop.example.jp", "starfield.html", token)
	require.NoError(t, c.Certificates.VerifyDomainControl(ctx, id))

	vs, err = c.Customers.DomainVerifications(ctx, srv.CustomerID(), id)
	require.NoError(t, err)
	assert.Equal(t, ca.VerifyDomainZoneControl, vs[0].Type)
	assert.Equal(t, ca.VerifyWebsiteControl, vs[1].Type)
	detail, err := c.Customers.DomainVerification(ctx, srv.CustomerID(), id, "shop.example.jp")
	require.NoError(t, err)
	assert.Equal(t, ca.DomainCompleted, detail.Status)
	assert.Equal(t, ca.CAASuccess, detail.CAA.Status)

	got, err = c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, ca.StatusIssued, got.Status)
	b, err := c.Certificates.Download(ctx, id)
	require.NoError(t, err)
	leaf := verifyBundle(t, b, rootPool(srv.PKI().Chain(catest.Starfield).Root), clk.Now(), "shop.example.jp")
	key := testkit.Key(t)
	assert.True(t, key.PublicKey.Equal(leaf.PublicKey), "the leaf carries the CSR's key")
	assert.Equal(t, []string{"example.jp", "shop.example.jp"}, leaf.DNSNames)
	assert.Equal(t, cabf.PlannedLifetime(clk.Now()), leaf.NotAfter.Sub(leaf.NotBefore), "CA/B lifetime at the simulator's clock")
	assert.Equal(t, got.SerialNumberHex, leaf.SerialNumber.Text(16))
	_, err = leaf.Verify(x509VerifyOpts(srv.PKI().Chain(catest.GoDaddy).Root, b, clk.Now()))
	assert.Error(t, err, "a Starfield leaf does not chain to the GoDaddy root")

	// Reissue with a new key and the GoDaddy root; the old certificate stays valid 24 hours.
	newKey := testkit.NewKey(t)
	delay := 24
	rid, err := c.Certificates.Reissue(ctx, id, ca.ReissueRequest{CSR: csrFor(t, newKey, "example.jp", "shop.example.jp"), RootType: ca.GoDaddySHA2, DelayExistingRevoke: &delay})
	require.NoError(t, err)
	assert.Equal(t, id, rid, "an empty 202 keeps the ID")
	b2, err := c.Certificates.Download(ctx, id)
	require.NoError(t, err)
	leaf2 := verifyBundle(t, b2, rootPool(srv.PKI().Chain(catest.GoDaddy).Root), clk.Now(), "example.jp")
	assert.True(t, newKey.PublicKey.Equal(leaf2.PublicKey))
	assert.NotEqual(t, leaf.SerialNumber, leaf2.SerialNumber)
	_, revoked := srv.RevokedAt(leaf.SerialNumber.Text(16))
	assert.False(t, revoked, "the old certificate lives on for the delay")
	clk.Advance(24*time.Hour + time.Second)
	_, revoked = srv.RevokedAt(leaf.SerialNumber.Text(16))
	assert.True(t, revoked, "and is revoked after it")

	// Renewal only inside the window: 60 days before the paid year's end to 30 after.
	_, err = c.Certificates.Renew(ctx, id, ca.RenewRequest{RootType: ca.GoDaddySHA2})
	assert.ErrorIs(t, err, ca.ErrConflict)
	clk.Advance(got.CreatedAt.AddDate(1, 0, 0).Sub(clk.Now()) - 59*24*time.Hour)
	list, err := c.Customers.Get(ctx, srv.CustomerID(), id)
	require.NoError(t, err)
	assert.True(t, list.RenewalAvailable)
	_, err = c.Certificates.Renew(ctx, id, ca.RenewRequest{RootType: ca.GoDaddySHA2})
	require.NoError(t, err)
	for _, d := range []string{"example.jp", "shop.example.jp"} {
		require.NoError(t, srv.ApproveDomain(id, d), "ten months on, the validation is past its reuse limit")
	}
	b3, err := c.Certificates.Download(ctx, id)
	require.NoError(t, err)
	leaf3 := verifyBundle(t, b3, rootPool(srv.PKI().Chain(catest.GoDaddy).Root), clk.Now(), "example.jp")
	assert.True(t, leaf3.NotAfter.After(leaf2.NotAfter))

	// The seal keeps the settings it was last given.
	html, err := c.Certificates.SiteSeal(ctx, id, ca.SiteSealOptions{Theme: ca.ThemeDark, Locale: "ja"})
	require.NoError(t, err)
	assert.Contains(t, html, "theme=DARK")
	assert.Contains(t, html, "locale=ja")
	html, err = c.Certificates.SiteSeal(ctx, id, ca.SiteSealOptions{})
	require.NoError(t, err)
	assert.Contains(t, html, "theme=DARK")
	_, err = c.Certificates.SiteSeal(ctx, id, ca.SiteSealOptions{Locale: "japanese"})
	assert.ErrorIs(t, err, ca.ErrInvalid)

	mails, err := c.Emails.History(ctx, id)
	require.NoError(t, err)
	require.NotEmpty(t, mails)
	assert.Contains(t, mails[0].Body, token)
	require.NoError(t, c.Emails.Resend(ctx, id, mails[0].ID))
	require.NoError(t, c.Emails.ResendTo(ctx, id, mails[0].ID, "admin@example.jp"))
	assert.ErrorIs(t, c.Emails.Resend(ctx, id, 999999), ca.ErrConflict)
	_, err = c.Emails.AddAlternateAddress(ctx, id, "webmaster@example.jp")
	assert.ErrorIs(t, err, ca.ErrConflict, "only while validation is pending")

	cb, err := c.Callbacks.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, hook.URL+"/cb", cb)

	actions, err := c.Certificates.Actions(ctx, id)
	require.NoError(t, err)
	var types []ca.ActionType
	for _, a := range actions {
		types = append(types, a.Type)
	}
	assert.Subset(t, types, []ca.ActionType{ca.ActionOrderCreated, ca.ActionDomainValidated, ca.ActionIssued})

	var all []string
	for s, err := range c.Customers.All(ctx, srv.CustomerID(), ca.ListOptions{}) {
		require.NoError(t, err)
		all = append(all, s.CertificateID)
	}
	assert.Equal(t, []string{id}, all)

	require.NoError(t, c.Certificates.Revoke(ctx, id, ca.ReasonKeyCompromise))
	got, err = c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, ca.StatusRevoked, got.Status)
	_, revoked = srv.RevokedAt(leaf3.SerialNumber.Text(16))
	assert.True(t, revoked)
	assert.ErrorIs(t, c.Certificates.Revoke(ctx, id, ca.ReasonKeyCompromise), ca.ErrConflict)

	require.Eventually(t, func() bool { return sink.has(ca.ActionRevoked) && sink.has(ca.ActionIssued) }, 5*time.Second, 10*time.Millisecond, "callbacks arrive")
	require.NoError(t, c.Callbacks.Delete(ctx, id))
	_, err = c.Callbacks.Get(ctx, id)
	assert.ErrorIs(t, err, ca.ErrNotFound)
}
