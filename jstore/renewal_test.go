package jstore_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// seedCert stores an issued certificate with the given subscription end directly.
func (f *fixture) seedCert(t *testing.T, acct jstore.AccountID, end time.Time) jstore.Certificate {
	t.Helper()
	c := jstore.Certificate{ID: jstore.CertificateID("crt_seed_" + end.Format("20060102T150405")), Account: acct, ProductCode: "DV_SSL",
		Status: jstore.CertIssued, CommonName: "www.example.jp", SubscriptionEnd: end.UTC(), NotAfter: end.UTC(), Root: jstore.RootStarfield,
		Organization: org}
	require.NoError(t, f.store.Update(t.Context(), func(tx jstore.Tx) error { return tx.CreateCertificate(t.Context(), &c) }))
	return c
}

func TestRenewalWindowEdges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  time.Time
		now  time.Time
		ok   bool
	}{
		{"day 60 before, first instant", jst(2027, 11, 25, 10, 0, 0), jst(2027, 9, 26, 0, 0, 0), true},
		{"day 61 before, last instant", jst(2027, 11, 25, 10, 0, 0), jst(2027, 9, 26, 0, 0, 0).Add(-time.Nanosecond), false},
		{"day 30 after, last instant", jst(2027, 11, 25, 10, 0, 0), jst(2027, 12, 26, 0, 0, 0).Add(-time.Nanosecond), true},
		{"day 31 after, first instant", jst(2027, 11, 25, 10, 0, 0), jst(2027, 12, 26, 0, 0, 0), false},
		{"on the end itself", jst(2027, 11, 25, 10, 0, 0), jst(2027, 11, 25, 10, 0, 0), true},
		// An end at 23:30 UTC is the next calendar day in Tokyo: the window follows the JST day.
		{"JST day, not UTC day: opens", time.Date(2027, 11, 24, 23, 30, 0, 0, time.UTC), jst(2027, 9, 26, 0, 0, 0), true},
		{"JST day, not UTC day: still shut", time.Date(2027, 11, 24, 23, 30, 0, 0, time.UTC), jst(2027, 9, 25, 23, 0, 0), false},
		{"leap day end: day 60 before", jst(2028, 2, 29, 12, 0, 0), jst(2027, 12, 31, 0, 0, 0), true},
		{"leap day end: day 61 before", jst(2028, 2, 29, 12, 0, 0), jst(2027, 12, 30, 23, 59, 59), false},
		{"leap day end: day 30 after", jst(2028, 2, 29, 12, 0, 0), jst(2028, 3, 30, 23, 59, 59), true},
		{"leap day end: day 31 after", jst(2028, 2, 29, 12, 0, 0), jst(2028, 3, 31, 0, 0, 0), false},
		{"end of month: 31 March", jst(2027, 3, 31, 9, 0, 0), jst(2027, 1, 30, 0, 0, 0), true},
		{"end of month: day 61", jst(2027, 3, 31, 9, 0, 0), jst(2027, 1, 29, 23, 59, 59), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			acct := f.account(t, "taro")
			c := f.seedCert(t, acct, tc.end)
			f.clock.Set(tc.now)
			d, err := f.svc.Dashboard(t.Context(), acct)
			require.NoError(t, err)
			assert.Equal(t, tc.ok, f.svc.RenewalWindowFor(tc.end).Contains(tc.now))
			_, err = f.svc.StartRenewal(t.Context(), acct, c.ID, dv1)
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, 1, d.Renewable, "the dashboard agrees")
				return
			}
			assert.ErrorIs(t, err, jstore.ErrOutsideWindow)
			assert.Equal(t, 0, d.Renewable, "the dashboard agrees")
			got, err := f.svc.GetCertificate(t.Context(), acct, c.ID)
			require.NoError(t, err)
			assert.False(t, got.Locked(), "a refused renewal does not lock")
		})
	}
}

func TestRenewalWindowConfigurable(t *testing.T) {
	t.Parallel()
	f := newFixture(t, jstore.WithRenewalWindow(jstore.RenewalWindow{Before: 90, After: 0}))
	end := jst(2027, 11, 25, 10, 0, 0)
	w := f.svc.RenewalWindowFor(end)
	assert.Equal(t, jst(2027, 8, 27, 0, 0, 0), w.Opens)
	assert.Equal(t, jst(2027, 11, 26, 0, 0, 0), w.Closes)
	_, err := jstore.New(f.store, jstore.WithRenewalWindow(jstore.RenewalWindow{Before: -1}))
	assert.Error(t, err)
}

func TestRenewalFlowAndLock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	cert := f.issued(t, acct, dv1, "www.example.jp")
	assert.Equal(t, jst(2027, 11, 25, 10, 0, 0).UTC(), cert.SubscriptionEnd, "a one-year subscription from 2026-11-25")
	assert.Equal(t, 199*24*time.Hour, cert.NotAfter.Sub(cert.NotBefore)+time.Second, "a validity period of 199 days in 2026 (BR §1.6.1: notAfter − notBefore + 1 s)")

	_, err := f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	require.ErrorIs(t, err, jstore.ErrOutsideWindow, "a year before the end")

	f.clock.Set(jst(2027, 10, 1, 9, 0, 0))
	d, err := f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, jstore.Dashboard{Renewable: 1, ReissuesDue: 1}, d, "its 199-day certificate is two thirds through, too")
	cart, err := f.svc.Cart(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, 1, cart.RenewableRemaining, "the figure on 追加申請（更新）")

	app, err := f.svc.StartRenewal(ctx, acct, cert.ID, jstore.Selection{Term: 1})
	require.NoError(t, err)
	assert.Equal(t, "DV_SSL", app.ProductCode, "an empty product keeps the certificate's")
	d, err = f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, jstore.Dashboard{Renewable: 0, PendingApplications: 1}, d)

	locked := map[string]func() error{
		"StartRenewal":     func() error { _, err := f.svc.StartRenewal(ctx, acct, cert.ID, dv1); return err },
		"StartReplacement": func() error { _, err := f.svc.StartReplacement(ctx, acct, cert.ID, dv1); return err },
		"StartReissue":     func() error { _, err := f.svc.StartReissue(ctx, acct, cert.ID); return err },
		"History":          func() error { _, err := f.svc.History(ctx, acct, cert.ID, jstore.ListOptions{}); return err },
		"RequestRevocation": func() error {
			_, err := f.svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonSuperseded, "")
			return err
		},
	}
	for name, op := range locked {
		assert.ErrorIs(t, op(), jstore.ErrCertificateLocked, name)
	}
	_, err = f.svc.GetCertificate(ctx, acct, cert.ID)
	assert.NoError(t, err, "viewing stays allowed")

	require.NoError(t, f.svc.RemoveFromCart(ctx, acct, app.ID))
	for name, op := range locked {
		if name == "StartRenewal" || name == "StartReplacement" || name == "StartReissue" || name == "RequestRevocation" {
			continue // these would lock or change the certificate again
		}
		assert.NoError(t, op(), "%s after dropping the renewal", name)
	}
	app, err = f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	require.NoError(t, err, "dropping the renewal released the lock")

	// Step 1 keeps the organisation: a zero one inherits it, a changed one is refused.
	changed := org
	changed.Phone = "06-1111-2222"
	changed.PostalCode = "530-0001"
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), Organization: changed})
	var rc *jstore.RenewalChangeError
	require.ErrorAs(t, err, &rc)
	assert.Equal(t, []string{"organization.postal_code", "organization.phone"}, rc.Fields)
	assert.ErrorIs(t, err, jstore.ErrRenewalChange)

	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "shop.example.jp")})
	assert.Contains(t, problemCodes(t, err), "cn_mismatch", "a renewal keeps the Common Name")
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "WWW.EXAMPLE.JP")})
	require.NoError(t, err, "compared case-insensitively")
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy})
	require.NoError(t, err)
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	got, err := f.svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.True(t, got.Locked(), "the lock holds until the renewal is issued")

	app, err = f.svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	renewed := f.issueFor(t, acct, app)
	assert.Equal(t, cert.ID, renewed.ID, "the lineage keeps its ID")
	assert.Equal(t, cert.SealID, renewed.SealID, "and its seal")
	assert.False(t, renewed.Locked())
	assert.Equal(t, jstore.RootGoDaddy, renewed.Root)
	assert.Equal(t, jst(2028, 11, 25, 10, 0, 0).UTC(), renewed.SubscriptionEnd, "old end plus the term")
	assert.NotEqual(t, cert.SerialHex, renewed.SerialHex)

	hist, err := f.svc.History(ctx, acct, cert.ID, jstore.ListOptions{})
	require.NoError(t, err)
	var kinds []jstore.EventType
	for _, e := range hist.Items {
		kinds = append(kinds, e.Type)
		if e.Type == jstore.EventCertificateRenewed {
			assert.Equal(t, cert.SerialHex, e.Detail["replaces_serial"])
			assert.Equal(t, renewed.SerialHex, e.Detail["serial"])
		}
	}
	assert.Equal(t, []jstore.EventType{
		jstore.EventCertificateIssued,
		jstore.EventApplicationStarted, jstore.EventCertificateLocked, jstore.EventApplicationRemoved, jstore.EventCertificateUnlocked,
		jstore.EventApplicationStarted, jstore.EventCertificateLocked, jstore.EventStep1Registered, jstore.EventStep2Registered,
		jstore.EventCertificateRenewed,
	}, kinds)
}

func TestRenewalLeapDayEnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	c := f.seedCert(t, acct, jst(2028, 2, 29, 12, 0, 0))
	f.clock.Set(jst(2028, 2, 1, 12, 0, 0))
	app, err := f.svc.StartRenewal(t.Context(), acct, c.ID, dv1)
	require.NoError(t, err)
	app = f.registered(t, acct, app, "www.example.jp")
	renewed := f.orderAndIssue(t, acct, app)
	assert.Equal(t, jst(2029, 2, 28, 12, 0, 0).UTC(), renewed.SubscriptionEnd, "29 February plus a year is 28 February")
}

func TestRenewalMayNotChangeSlotsOrProduct(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	cert := f.issued(t, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "mail.example.jp")
	f.clock.Set(jst(2027, 11, 1, 9, 0, 0))
	tests := []struct {
		sel    jstore.Selection
		fields []string
	}{
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 10}, []string{"san_slots"}},
		{jstore.Selection{ProductCode: "UCC_OV_SSL", Term: 1, SANSlots: 5}, []string{"product"}},
		{jstore.Selection{ProductCode: "UCC_OV_SSL", Term: 2, SANSlots: 20}, []string{"product", "san_slots"}},
	}
	for _, tc := range tests {
		_, err := f.svc.StartRenewal(ctx, acct, cert.ID, tc.sel)
		var rc *jstore.RenewalChangeError
		require.ErrorAs(t, err, &rc, "%+v", tc.sel)
		assert.Equal(t, tc.fields, rc.Fields)
		assert.Equal(t, cert.ID, rc.Certificate)
	}
	got, err := f.svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.False(t, got.Locked())
}

// TestCarryOver converts a refused renewal into a new order and checks that no paid day is lost.
func TestCarryOver(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	old := f.issued(t, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "mail.example.jp")
	f.clock.Set(jst(2027, 10, 15, 9, 0, 0)) // 41 days before the end
	app, err := f.svc.StartRenewal(ctx, acct, old.ID, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5})
	require.NoError(t, err)
	moved := org
	moved.Address = "2-2 Kita, Osaka"
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), Organization: moved})
	require.ErrorIs(t, err, jstore.ErrRenewalChange)

	app, err = f.svc.ConvertRenewalToNew(ctx, acct, app.ID, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 10})
	require.NoError(t, err)
	assert.Equal(t, jstore.AppNew, app.Kind)
	assert.True(t, app.CarryOver)
	_, err = f.svc.ConvertRenewalToNew(ctx, acct, app.ID, dv1)
	assert.ErrorIs(t, err, jstore.ErrState, "only renewals convert")

	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), SANs: []string{"mail.example.jp", "shop.example.jp"}, Organization: moved})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	require.NoError(t, err)
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	f.clock.Set(jst(2027, 10, 20, 9, 0, 0)) // issued five days after ordering
	app, err = f.svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Empty(t, app.IssuedCertificate(), "not issued yet, although it names the certificate it replaces")
	fresh := f.issueFor(t, acct, app)
	app, err = f.svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, fresh.ID, app.IssuedCertificate(), "the application leads to the certificate it produced")

	assert.NotEqual(t, old.ID, fresh.ID, "a new order starts a new lineage")
	assert.Equal(t, old.ID, fresh.Replaces)
	assert.Equal(t, jst(2029, 11, 25, 10, 0, 0).UTC(), fresh.SubscriptionEnd, "two years from the old end: the 36 days left are kept")
	assert.Equal(t, 10, fresh.SANSlots)
	assert.Equal(t, moved, fresh.Organization)

	was, err := f.svc.GetCertificate(ctx, acct, old.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertReplaced, was.Status)
	assert.Equal(t, fresh.ID, was.ReplacedBy)
	assert.False(t, was.Locked())
	cur, err := f.svc.CurrentCertificate(ctx, acct, old.ID)
	require.NoError(t, err)
	assert.Equal(t, fresh.ID, cur.ID, "any certificate walks to the current one")
	d, err := f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, 0, d.Renewable, "a replaced certificate is no longer renewable")
}

func TestStartReplacementAfterEnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	old := f.issued(t, acct, dv1, "www.example.jp")
	f.clock.Set(jst(2027, 12, 10, 9, 0, 0)) // 15 days after the end: nothing left to carry
	app, err := f.svc.StartReplacement(t.Context(), acct, old.ID, jstore.Selection{ProductCode: "OV_SSL", Term: 1})
	require.NoError(t, err)
	app = f.registered(t, acct, app, "www.example.jp")
	fresh := f.orderAndIssue(t, acct, app)
	assert.Equal(t, jst(2028, 12, 10, 9, 0, 0).UTC(), fresh.SubscriptionEnd, "from issuance, never from a past end")
}

func TestRecordIssuanceChecks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	app = f.registered(t, acct, app, "www.example.jp")
	now := f.clock.Now()
	leaf, err := issuer(t).Issue(app.CSR, now, now.Add(time.Hour))
	require.NoError(t, err)
	_, err = f.svc.RecordIssuance(ctx, acct, app.ID, jstore.Issuance{CertificatePEM: leaf})
	assert.ErrorIs(t, err, jstore.ErrState, "not ordered yet")
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)

	foreign, err := issuer(t).Issue(testkit.CSR(t, testkit.NewKey(t), "www.example.jp"), now, now.Add(time.Hour))
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		pem  string
		code string
	}{
		"not PEM":       {"hello", "certificate_invalid"},
		"bad DER":       {"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "certificate_invalid"},
		"another key":   {foreign, "certificate_key_mismatch"},
		"another name":  {mustIssue(t, testkit.CSR(t, nil, "other.example.jp"), now), "certificate_name_mismatch"},
		"huge":          {string(make([]byte, jstore.MaxCSRBytes+1)), "certificate_invalid"},
		"a CSR instead": {app.CSR, "certificate_invalid"},
	} {
		_, err := f.svc.RecordIssuance(ctx, acct, app.ID, jstore.Issuance{CertificatePEM: tc.pem})
		assert.Equal(t, []string{tc.code}, problemCodes(t, err), name)
	}
	page, err := f.svc.ListCertificates(ctx, acct, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "nothing recorded")
}
