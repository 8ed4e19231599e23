package adapter_test

import (
	"encoding/pem"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// TestAdapter drives the simulator through the jstore.CA seam only.
func TestAdapter(t *testing.T) {
	t.Parallel()
	srv, c := testkit.Simulator(t)
	var upstream jstore.CA
	upstream, err := adapter.New(c, srv.CustomerID())
	require.NoError(t, err)
	ctx := t.Context()

	id, err := upstream.PlaceOrder(ctx, jstore.CAOrder{
		UpstreamType: "UCC_DV_SSL", Term: 1, CSR: testkit.CSR(t, nil, "adapter.example.jp", "adapter.example.jp", "a.example.jp"), CommonName: "adapter.example.jp",
		SANs: []string{"a.example.jp"}, SANSlots: 5, Root: jstore.RootGoDaddy,
		Contact: jstore.CAContact{FirstName: "Taro", LastName: "Tanaka", Email: "tanaka@example.jp", Phone: "+81.312345678"},
	})
	require.NoError(t, err)
	st, err := upstream.OrderStatus(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, jstore.CAPending, st.State)
	ds, err := upstream.DomainVerifications(ctx, id)
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.False(t, ds[0].Validated)

	for _, d := range ds {
		require.NoError(t, srv.ApproveDomain(string(id), d.Domain))
	}
	st, err = upstream.OrderStatus(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, jstore.CAIssued, st.State)
	assert.NotEmpty(t, st.SerialHex)
	b, err := upstream.Download(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, srv.PKI().Chain(catest.GoDaddy).Root.Raw, pemDER(t, b.Root), "the GoDaddy root option picks the GoDaddy chain")

	// Without a customer ID the v1 SAN statuses are used.
	v1only, err := adapter.New(c, "")
	require.NoError(t, err)
	ds, err = v1only.DomainVerifications(ctx, id)
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.True(t, ds[0].Validated && ds[1].Validated)

	require.NoError(t, upstream.Reissue(ctx, id, jstore.CAReissue{Root: jstore.RootStarfield, DelayRevokeHours: 0}))
	b2, err := upstream.Download(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, srv.PKI().Chain(catest.Starfield).Root.Raw, pemDER(t, b2.Root))
	assert.NotEqual(t, b.SerialHex, b2.SerialHex)

	html, err := upstream.SiteSeal(ctx, id, jstore.SealStyle{Dark: true, Lang: "ja"})
	require.NoError(t, err)
	assert.Contains(t, html, "theme=DARK")

	assert.ErrorIs(t, upstream.Renew(ctx, id, jstore.CARenewal{Term: 1}), ca.ErrConflict, "outside the window")
	require.NoError(t, upstream.Revoke(ctx, id, jstore.ReasonKeyCompromise))
	st, err = upstream.OrderStatus(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, jstore.CARevoked, st.State)

	_, err = upstream.OrderStatus(ctx, "missing")
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	assert.ErrorIs(t, err, ca.ErrNotFound)
	_, err = upstream.PlaceOrder(ctx, jstore.CAOrder{UpstreamType: "UCC_DV_SSL", SANSlots: 7})
	assert.ErrorIs(t, err, ca.ErrInvalid, "no slot size holds 7")
	_, err = upstream.PlaceOrder(ctx, jstore.CAOrder{UpstreamType: "DV_SSL", Root: "other"})
	assert.ErrorIs(t, err, ca.ErrInvalid)

	// A create whose answer is lost is unknown to the workflow too, and was sent once.
	require.NoError(t, srv.InjectFaults("certificate_create", catest.Fault{Kind: catest.FaultDrop, Share: 1}))
	before := srv.Hits("certificate_create")
	_, err = upstream.PlaceOrder(ctx, jstore.CAOrder{UpstreamType: "DV_SSL", Term: 1, CSR: testkit.CSR(t, nil, "lost.example.jp", "lost.example.jp"), Contact: jstore.CAContact{FirstName: "T", LastName: "T", Email: "t@example.jp", Phone: "1"}})
	assert.ErrorIs(t, err, jstore.ErrCAOutcomeUnknown)
	assert.Len(t, srv.Orders("lost.example.jp"), 1, "the CA did act")
	assert.Equal(t, 1, srv.Hits("certificate_create")-before, "and the request was not repeated")

	_, err = adapter.New(nil, "")
	assert.Error(t, err)
}

// TestAdapterStates maps every status, including those seen in production but missing from
// the specification.
func TestAdapterStates(t *testing.T) {
	t.Parallel()
	tests := map[string]jstore.CAState{
		"PENDING_ISSUANCE": jstore.CAPending, "PENDING_REKEY": jstore.CAPending, "RENEWAL_PENDING_ISSUANCE": jstore.CAPending,
		"ISSUED": jstore.CAIssued, "CURRENT": jstore.CAIssued,
		"REVOKED": jstore.CARevoked, "PENDING_REVOCATION": jstore.CARevoked, "REVOKED_UPON_ISSUANCE": jstore.CARevoked,
		"CANCELED": jstore.CACanceled, "DENIED": jstore.CADenied, "UNUSED": jstore.CADenied, "EXPIRED": jstore.CAExpired,
		"SOMETHING_NEW": jstore.CAUnknown,
	}
	for raw, want := range tests {
		t.Run(raw, func(t *testing.T) {
			c, _ := mockClient(t, func(*http.Request) (*http.Response, error) {
				return httpmock.NewStringResponse(200, `{"certificateId":"x","status":"`+raw+`"}`), nil
			})
			a, err := adapter.New(c, "")
			require.NoError(t, err)
			st, err := a.OrderStatus(t.Context(), "x")
			require.NoError(t, err)
			assert.Equal(t, want, st.State)
			assert.Equal(t, raw, st.Raw)
		})
	}
}

// TestAdapterPing: a 403 matches both ErrCAUnauthorized and ErrCAForbidden; the environment is
// named from the base URL.
func TestAdapterPing(t *testing.T) {
	t.Parallel()
	c, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(403, ""), nil })
	a, err := adapter.New(c, "")
	require.NoError(t, err)
	err = a.Ping(t.Context())
	assert.ErrorIs(t, err, jstore.ErrCAForbidden)
	assert.ErrorIs(t, err, jstore.ErrCAUnauthorized)
	assert.Equal(t, "https://api.test", a.Environment())
	for base, want := range map[string]string{ca.Production: "production", ca.OTE: "OTE"} {
		c, err := ca.NewClient("k", "s", ca.WithBaseURL(base))
		require.NoError(t, err)
		a, err := adapter.New(c, "")
		require.NoError(t, err)
		assert.Equal(t, want, a.Environment())
	}
	c, _ = mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(404, ""), nil })
	a, err = adapter.New(c, "")
	require.NoError(t, err)
	assert.NoError(t, a.Ping(t.Context()), "a 404 for a made-up order proves the credentials work")
}

// mockClient is a client whose every request respond answers, trying each call once.
func mockClient(t *testing.T, respond httpmock.Responder) (*ca.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(respond)
	c, err := ca.NewClient("key", "secret", ca.WithBaseURL("https://api.test"), ca.WithHTTPClient(&http.Client{Transport: mt}),
		ca.WithoutRateLimit(), ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	return c, mt
}

func pemDER(t testing.TB, s string) []byte {
	t.Helper()
	block, _ := pem.Decode([]byte(s))
	require.NotNil(t, block)
	return block.Bytes
}

// TestAdapterEntitlementAndACME: a purchase's certificate downloads by its entitlement as by
// its order; the ACME binding needs the customer ID.
func TestAdapterEntitlementAndACME(t *testing.T) {
	t.Parallel()
	srv, c := testkit.Simulator(t)
	a, err := adapter.New(c, srv.CustomerID())
	require.NoError(t, err)
	ctx := t.Context()
	id, err := a.PlaceOrder(ctx, jstore.CAOrder{UpstreamType: "DV_SSL", Term: 1, CSR: testkit.CSR(t, nil, "shop.example.jp"), CommonName: "shop.example.jp",
		Contact: jstore.CAContact{FirstName: "Taro", LastName: "Tanaka", Email: "tanaka@example.jp", Phone: "+81.312345678"}})
	require.NoError(t, err)
	_, err = a.DownloadByEntitlement(ctx, srv.Entitlement(string(id)))
	assert.ErrorIs(t, err, jstore.ErrCARefused, "409 before issuance: the order's state does not allow it")
	assert.ErrorIs(t, err, jstore.ErrCAConflict)
	require.NoError(t, srv.ApproveDomain(string(id), "shop.example.jp"))
	byEnt, err := a.DownloadByEntitlement(ctx, srv.Entitlement(string(id)))
	require.NoError(t, err)
	byID, err := a.Download(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, byID, byEnt)

	b, err := a.ExternalAccountBinding(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, b.HMACKey)
	noCustomer, err := adapter.New(c, "")
	require.NoError(t, err)
	_, err = noCustomer.ExternalAccountBinding(ctx)
	assert.Error(t, err)
}
