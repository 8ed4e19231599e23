package catest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

func order(t *testing.T, c *ca.Client, cn string, pt ca.ProductType) string {
	t.Helper()
	id, err := c.Certificates.Create(t.Context(), ca.CreateRequest{CommonName: cn, Contact: contact, CSR: csrPEM(t, nil, "csr.example.jp"), Period: 1, ProductType: pt})
	require.NoError(t, err)
	return id
}

func statusOf(t *testing.T, c *ca.Client, id string) ca.Status {
	t.Helper()
	got, err := c.Certificates.Get(t.Context(), id)
	require.NoError(t, err)
	return got.Status
}

func TestCancelAndDeny(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := t.Context()
	id := order(t, c, "cancel.example.jp", ca.ProductDVSSL)
	require.NoError(t, c.Certificates.Cancel(ctx, id))
	assert.Equal(t, ca.StatusCanceled, statusOf(t, c, id))
	assert.ErrorIs(t, c.Certificates.Cancel(ctx, id), ca.ErrConflict)
	_, err := c.Certificates.Download(ctx, id)
	assert.ErrorIs(t, err, ca.ErrConflict)
	assert.ErrorIs(t, c.Certificates.Revoke(ctx, id, ca.ReasonSuperseded), ca.ErrNotFound, "never issued: 404, as documented")
	_, err = c.Certificates.Reissue(ctx, id, ca.ReissueRequest{})
	assert.ErrorIs(t, err, ca.ErrConflict)
	vs, err := c.Customers.DomainVerifications(ctx, srv.CustomerID(), id)
	require.NoError(t, err)
	assert.Equal(t, ca.DomainInvalid, vs[0].Status, "the names of a cancelled order are INVALID")

	id = order(t, c, "deny.example.jp", ca.ProductDVSSL)
	require.NoError(t, srv.Deny(id, "fraud suspected"))
	got, err := c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, ca.StatusDenied, got.Status)
	assert.Equal(t, "fraud suspected", got.DeniedReason)
	assert.Error(t, srv.Deny(id, "again"))
	assert.Error(t, srv.Deny("missing", "x"))
	assert.Error(t, srv.ApproveDomain(id, "nowhere.example.jp"))

	id = order(t, c, "issued.example.jp", ca.ProductDVSSL)
	require.NoError(t, srv.ApproveDomain(id, "issued.example.jp"))
	assert.ErrorIs(t, c.Certificates.Cancel(ctx, id), ca.ErrConflict, "an issued order cannot be cancelled")
	_, err = c.Emails.AddAlternateAddress(ctx, id, "x@example.jp")
	assert.ErrorIs(t, err, ca.ErrConflict)
}

// TestRenewalWindowAndExpiry: the window is 60 days before the paid period's end to 30 days
// after, and the order reads EXPIRED once its certificate has run out.
func TestRenewalWindowAndExpiry(t *testing.T) {
	t.Parallel()
	clk := testkit.NewClock(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	srv, c := start(t, catest.WithClock(clk.Now))
	ctx := t.Context()
	id := order(t, c, "renew.example.jp", ca.ProductDVSSL)
	require.NoError(t, srv.ApproveDomain(id, "renew.example.jp"))
	got, err := c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC).Add(199*24*time.Hour-time.Second), got.ValidEnd, "a validity period of 199 days (notAfter − notBefore + 1 s): the 200-day cap less a day")
	end := got.CreatedAt.AddDate(got.Period, 0, 0)

	tests := []struct {
		at time.Time
		ok bool
	}{
		{end.AddDate(0, 0, -60).Add(-time.Second), false},
		{end.AddDate(0, 0, -60), true},
		{end.AddDate(0, 0, 30).Add(-time.Second), true},
		{end.AddDate(0, 0, 30), false},
	}
	for _, tc := range tests {
		t.Run(tc.at.Format(time.RFC3339), func(t *testing.T) {
			srv, c := start(t, catest.WithClock(clk.Now))
			clk.Set(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			id := order(t, c, "renew.example.jp", ca.ProductDVSSL)
			require.NoError(t, srv.ApproveDomain(id, "renew.example.jp"))
			clk.Set(tc.at)
			want := ca.StatusIssued // the 199-day certificate ran out, the paid year runs on
			if !tc.at.Before(time.Date(2027, 11, 25, 0, 0, 0, 0, time.UTC)) {
				want = ca.StatusExpired
			}
			assert.Equal(t, want, statusOf(t, c, id))
			_, err := c.Certificates.Renew(ctx, id, ca.RenewRequest{})
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, ca.StatusPendingIssuance, statusOf(t, c, id), "the year-old validation is past its reuse limit")
				require.NoError(t, srv.ApproveDomain(id, "renew.example.jp"))
				assert.Equal(t, ca.StatusIssued, statusOf(t, c, id))
			} else {
				assert.ErrorIs(t, err, ca.ErrConflict)
			}
		})
	}
}

// TestWildcardDCV: a wildcard is validated by DNS at its base domain, never by a file.
func TestWildcardDCV(t *testing.T) {
	t.Parallel()
	dns, err := catest.NewDNSServer()
	require.NoError(t, err)
	t.Cleanup(dns.Close)
	web := catest.NewWebServer()
	t.Cleanup(web.Close)
	srv, c := start(t, catest.WithDNS(dns.Resolver()), catest.WithWeb(web.Client()))
	ctx := t.Context()
	id := order(t, c, "*.wild.example.jp", ca.ProductDVWildcardSSL)
	token, err := srv.UniqueID(id)
	require.NoError(t, err)
	web.SetValidationFile("wild.example.jp", "starfield.html", token)
	web.SetValidationFile("*.wild.example.jp", "starfield.html", token)
	assert.ErrorIs(t, c.Certificates.VerifyDomainControl(ctx, id), ca.ErrConflict, "no file method for wildcards")
	dns.SetTXT("wild.example.jp", "wrong-token")
	assert.ErrorIs(t, c.Certificates.VerifyDomainControl(ctx, id), ca.ErrConflict)
	dns.SetTXT("wild.example.jp", token)
	require.NoError(t, c.Certificates.VerifyDomainControl(ctx, id))
	assert.Equal(t, ca.StatusIssued, statusOf(t, c, id))
	assert.ErrorIs(t, c.Certificates.VerifyDomainControl(ctx, id), ca.ErrConflict, "nothing left to verify")
}

// TestFileDCVNeedsTheRightFile: the GoDaddy root reads godaddy.html, and a redirect is not
// followed.
func TestFileDCVNeedsTheRightFile(t *testing.T) {
	t.Parallel()
	web := catest.NewWebServer()
	t.Cleanup(web.Close)
	srv, c := start(t, catest.WithWeb(web.Client()))
	ctx := t.Context()
	id, err := c.Certificates.Create(ctx, ca.CreateRequest{Contact: contact, CSR: csrPEM(t, nil, "gd.example.jp"), Period: 1, ProductType: ca.ProductDVSSL, RootType: ca.GoDaddySHA2})
	require.NoError(t, err)
	token, err := srv.UniqueID(id)
	require.NoError(t, err)
	web.SetValidationFile("gd.example.jp", "starfield.html", token)
	assert.ErrorIs(t, c.Certificates.VerifyDomainControl(ctx, id), ca.ErrConflict)
	web.SetValidationFile("gd.example.jp", "godaddy.html", token+"\n")
	require.NoError(t, c.Certificates.VerifyDomainControl(ctx, id))
}

func TestReissueRules(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := t.Context()
	id := order(t, c, "re.example.jp", ca.ProductDVSSL)
	_, err := c.Certificates.Reissue(ctx, id, ca.ReissueRequest{})
	assert.ErrorIs(t, err, ca.ErrConflict, "nothing issued to reissue")
	require.NoError(t, srv.ApproveDomain(id, "re.example.jp"))
	_, err = c.Certificates.Reissue(ctx, id, ca.ReissueRequest{CommonName: "other.example.jp", ForceDomainRevetting: []string{"*"}})
	require.NoError(t, err)
	assert.Equal(t, ca.StatusPendingRekey, statusOf(t, c, id), "a new name waits for validation")
	require.NoError(t, srv.ApproveDomain(id, "other.example.jp"))
	got, err := c.Certificates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, ca.StatusIssued, got.Status)
	assert.Equal(t, "other.example.jp", got.CommonName)
}

// TestPagination: All follows pagination.next over every page.
func TestPagination(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	var want []string
	for i := range 7 {
		want = append(want, order(t, c, fmt.Sprintf("p%d.example.jp", i), ca.ProductDVSSL))
	}
	var got []string
	for s, err := range c.Customers.All(t.Context(), srv.CustomerID(), ca.ListOptions{Limit: 3}) {
		require.NoError(t, err)
		got = append(got, s.CertificateID)
	}
	assert.Equal(t, want, got)
	page, err := c.Customers.List(t.Context(), srv.CustomerID(), ca.ListOptions{Offset: 6, Limit: 3})
	require.NoError(t, err)
	assert.Len(t, page.Certificates, 1)
	assert.Empty(t, page.Pagination.Next)
	assert.Equal(t, 7, page.Pagination.Total)
	_, err = c.Customers.List(t.Context(), "someone-else", ca.ListOptions{})
	assert.ErrorIs(t, err, ca.ErrNotFound)
	for range c.Customers.All(t.Context(), srv.CustomerID(), ca.ListOptions{Limit: 3}) {
		break // stopping early is allowed
	}
}

func TestFaultInjection(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	assert.Error(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultStatus, Share: 0.5, Status: 404}))
	assert.Error(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultDrop, Share: 0.7}, catest.Fault{Kind: catest.FaultMalformed, Share: 0.7}))
	assert.Error(t, srv.InjectFaults("certificate_get", catest.Fault{Share: 0.1}))

	id := order(t, c, "f.example.jp", ca.ProductDVSSL)
	require.NoError(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultStatus, Share: 1, Status: 502}))
	_, err := c.Certificates.Get(t.Context(), id)
	var e *ca.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 502, e.Status)

	require.NoError(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultRateLimit, Share: 1, RetryAfterSec: 9}))
	_, err = c.Certificates.Get(t.Context(), id)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 9*time.Second, e.RetryAfter)

	require.NoError(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultLatency, Share: 1, Latency: time.Hour}))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Certificates.Get(ctx, id)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	require.NoError(t, srv.InjectFaults("certificate_get", catest.Fault{Kind: catest.FaultMalformed, Share: 1}))
	_, err = c.Certificates.Get(t.Context(), id)
	assert.ErrorIs(t, err, ca.ErrBadResponse)

	srv.ClearFaults()
	_, err = c.Certificates.Get(t.Context(), id)
	assert.NoError(t, err)
	assert.Equal(t, 5, srv.Hits("certificate_get"))
}

func TestPKIRoundTrip(t *testing.T) {
	t.Parallel()
	p := testkit.PKI(t)
	q, err := catest.LoadPKI(p.MarshalPEM())
	require.NoError(t, err)
	for _, b := range []catest.Brand{catest.Starfield, catest.GoDaddy} {
		assert.Equal(t, p.Chain(b).Root.Raw, q.Chain(b).Root.Raw)
		assert.Equal(t, p.Chain(b).Intermediate.Raw, q.Chain(b).Intermediate.Raw)
		assert.NoError(t, q.Chain(b).Intermediate.CheckSignatureFrom(q.Chain(b).Root))
	}
	_, err = catest.LoadPKI([]byte("garbage"))
	assert.Error(t, err)
	pemBytes := p.MarshalPEM()
	other, err := catest.LoadPKI(append(append([]byte{}, pemBytes...), pemBytes...))
	assert.Error(t, err, "eight keys")
	assert.Nil(t, other)
}

func TestDNSServer(t *testing.T) {
	t.Parallel()
	dns, err := catest.NewDNSServer()
	require.NoError(t, err)
	t.Cleanup(dns.Close)
	dns.SetTXT("Example.JP.", "a", "b")
	got, err := dns.Resolver().LookupTXT(t.Context(), "example.jp")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"a", "b"}, got)
	dns.SetTXT("example.jp")
	_, err = dns.Resolver().LookupTXT(t.Context(), "example.jp")
	assert.Error(t, err)
}

func TestNewServerRefuses(t *testing.T) {
	t.Parallel()
	for _, o := range []catest.Option{nil, catest.WithCredentials("", "x"), catest.WithCustomerID(""), catest.WithClock(nil), catest.WithPKI(nil), catest.WithDNS(nil), catest.WithWeb(nil), catest.WithCallbackClient(nil)} {
		srv, err := catest.NewServer(o)
		assert.Error(t, err)
		assert.Nil(t, srv)
	}
}
