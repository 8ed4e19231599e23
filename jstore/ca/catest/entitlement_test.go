package catest_test

import (
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// TestEntitlements: an order's entitlement finds it before and after issuance; its download
// is the order's own, refused (409) before issuance; a missing ID is 422, an unknown one no
// certificates to the lookup and 404 to the download.
func TestEntitlements(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := t.Context()
	id := order(t, c, "entitled.example.jp", ca.ProductDVSSL)
	ent := srv.Entitlement(id)
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, ent)
	assert.Empty(t, srv.Entitlement("missing"))

	got, err := c.Certificates.ByEntitlement(ctx, ent, ca.EntitlementOptions{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, id, got[0].CertificateID)
	assert.Equal(t, ca.StatusPendingIssuance, got[0].Status)
	_, err = c.Certificates.DownloadByEntitlement(ctx, ent)
	assert.ErrorIs(t, err, ca.ErrConflict, "not issued yet")

	require.NoError(t, srv.ApproveDomain(id, "entitled.example.jp"))
	latest := false
	got, err = c.Certificates.ByEntitlement(ctx, ent, ca.EntitlementOptions{Latest: &latest})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, ca.StatusIssued, got[0].Status)
	byEnt, err := c.Certificates.DownloadByEntitlement(ctx, ent)
	require.NoError(t, err)
	byID, err := c.Certificates.Download(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, byID, byEnt)

	none, err := c.Certificates.ByEntitlement(ctx, "00000000-0000-4000-8000-000000000000", ca.EntitlementOptions{})
	require.NoError(t, err)
	assert.Empty(t, none)
	_, err = c.Certificates.DownloadByEntitlement(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, ca.ErrNotFound)
	_, err = c.Certificates.ByEntitlement(ctx, "", ca.EntitlementOptions{})
	assert.ErrorIs(t, err, ca.ErrInvalid, "the client refuses an empty ID before sending")

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL()+"/v2/certificates", nil)
	require.NoError(t, err)
	key, secret := srv.Credentials()
	req.Header.Set("Authorization", "sso-key "+key+":"+secret)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "the server answers a missing ID as documented")
}

// TestExternalAccountBinding: the customer's ACME credentials are the same on every call; the
// HMAC key is base64url as EAB wants it; another customer is 404.
func TestExternalAccountBinding(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := t.Context()
	b, err := c.Customers.ExternalAccountBinding(ctx, srv.CustomerID())
	require.NoError(t, err)
	assert.Equal(t, srv.URL()+"/acme/directory", b.DirectoryURL)
	assert.NotEmpty(t, b.KeyID)
	raw, err := base64.RawURLEncoding.DecodeString(b.HMACKey)
	require.NoError(t, err)
	assert.Len(t, raw, 32)
	again, err := c.Customers.ExternalAccountBinding(ctx, srv.CustomerID())
	require.NoError(t, err)
	assert.Equal(t, b, again)
	_, err = c.Customers.ExternalAccountBinding(ctx, "another-customer")
	assert.ErrorIs(t, err, ca.ErrNotFound)
}
