package catest_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

func start(t *testing.T, opts ...catest.Option) (*catest.Server, *ca.Client) {
	t.Helper()
	srv, err := catest.NewServer(append([]catest.Option{catest.WithPKI(testkit.PKI(t))}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithoutRateLimit(), ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	return srv, c
}

func csrPEM(t *testing.T, key crypto.Signer, cn string, sans ...string) string {
	t.Helper()
	return testkit.CSR(t, key, cn, append([]string{cn}, sans...)...)
}

var contact = ca.Contact{Email: "tanaka@example.jp", NameFirst: "Taro", NameLast: "Tanaka", Phone: "+81.312345678"}

func TestAuth(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	for _, h := range []string{"", "sso-key catest-key:wrong", "Bearer catest-key:catest-secret"} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL()+"/v1/certificates/x", nil)
		require.NoError(t, err)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, h)
		assert.Empty(t, body, "the 401 body is empty, as the real API's usually is")
	}
	other, err := ca.NewClient("catest-key", "wrong", ca.WithBaseURL(srv.URL()), ca.WithoutRateLimit())
	require.NoError(t, err)
	_, err = other.Certificates.Get(t.Context(), "x")
	assert.ErrorIs(t, err, ca.ErrUnauthorized)
}

// TestCreateChecks: the simulator refuses what the real API refuses, with a 422 naming the field.
func TestCreateChecks(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	good := func() ca.CreateRequest {
		return ca.CreateRequest{Contact: contact, CSR: csrPEM(t, nil, "example.jp"), Period: 1, ProductType: ca.ProductDVSSL}
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	tampered := csrPEM(t, nil, "example.jp")
	block, _ := pem.Decode([]byte(tampered))
	block.Bytes[len(block.Bytes)-5] ^= 0xff
	tampered = string(pem.EncodeToMemory(block))
	org := &ca.OrganizationCreate{Name: "Example KK", Phone: "+81.312345678"}
	tests := []struct {
		name   string
		change func(*ca.CreateRequest)
		path   string
	}{
		{"no CSR", func(r *ca.CreateRequest) { r.CSR = "" }, "csr"},
		{"not a CSR", func(r *ca.CreateRequest) { r.CSR = "hello" }, "csr"},
		{"bad signature", func(r *ca.CreateRequest) { r.CSR = tampered }, "csr"},
		{"ECDSA key", func(r *ca.CreateRequest) { r.CSR = csrPEM(t, ec, "example.jp") }, "csr"},
		{"RSA-1024", func(r *ca.CreateRequest) { r.CSR = csrPEM(t, small, "example.jp") }, "csr"},
		{"unknown product", func(r *ca.CreateRequest) { r.ProductType = "GOLD_SSL" }, "productType"},
		{"zero period", func(r *ca.CreateRequest) { r.Period = 0 }, "period"},
		{"unknown root", func(r *ca.CreateRequest) { r.RootType = "OTHER" }, "rootType"},
		{"no contact e-mail", func(r *ca.CreateRequest) { r.Contact.Email = "" }, "contact.email"},
		{"bad contact e-mail", func(r *ca.CreateRequest) { r.Contact.Email = "tanaka" }, "contact.email"},
		{"no last name", func(r *ca.CreateRequest) { r.Contact.NameLast = "" }, "contact.nameLast"},
		{"wildcard on DV_SSL", func(r *ca.CreateRequest) { r.CommonName = "*.example.jp" }, "commonName"},
		{"no wildcard on DV_WILDCARD_SSL", func(r *ca.CreateRequest) { r.ProductType = ca.ProductDVWildcardSSL }, "commonName"},
		{"SANs on DV_SSL", func(r *ca.CreateRequest) { r.SubjectAlternativeNames = []string{"a.example.jp"} }, "subjectAlternativeNames"},
		{"slot size on DV_SSL", func(r *ca.CreateRequest) { r.SlotSize = ca.SlotsFive }, "slotSize"},
		{"UCC without slot size", func(r *ca.CreateRequest) { r.ProductType = ca.ProductUCCDVSSL }, "slotSize"},
		{"UCC over its slots", func(r *ca.CreateRequest) {
			r.ProductType, r.SlotSize = ca.ProductUCCDVSSL, ca.SlotsFive
			r.SubjectAlternativeNames = []string{"a.example.jp", "b.example.jp", "c.example.jp", "d.example.jp", "e.example.jp", "f.example.jp"}
		}, "subjectAlternativeNames"},
		{"UCC repeated SAN", func(r *ca.CreateRequest) {
			r.ProductType, r.SlotSize = ca.ProductUCCDVSSL, ca.SlotsFive
			r.SubjectAlternativeNames = []string{"a.example.jp", "A.example.jp"}
		}, "subjectAlternativeNames"},
		{"OV without organisation", func(r *ca.CreateRequest) { r.ProductType = ca.ProductOVSSL }, "organization"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := good()
			tc.change(&r)
			_, err := c.Certificates.Create(t.Context(), r)
			var e *ca.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusUnprocessableEntity, e.Status)
			require.Len(t, e.Fields, 1)
			assert.Equal(t, tc.path, e.Fields[0].Path)
			assert.ErrorIs(t, c.Certificates.Validate(t.Context(), r), ca.ErrInvalid, "validate judges the same")
		})
	}
	t.Run("ECDSA message", func(t *testing.T) {
		r := good()
		r.CSR = csrPEM(t, ec, "example.jp")
		err := c.Certificates.Validate(t.Context(), r)
		assert.ErrorContains(t, err, "This CSR was created with an invalid algorithm.")
	})
	t.Run("exactly the slots", func(t *testing.T) {
		r := good()
		r.ProductType, r.SlotSize = ca.ProductUCCOVSSL, ca.SlotsFive
		r.Organization = org
		r.SubjectAlternativeNames = []string{"a.example.jp", "b.example.jp", "c.example.jp", "d.example.jp", "e.example.jp"}
		_, err := c.Certificates.Create(t.Context(), r)
		assert.NoError(t, err)
	})
	t.Run("unknown body field", func(t *testing.T) {
		srv, _ := start(t)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/v1/certificates", strings.NewReader(`{"csr":"x","bogus":1}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", "sso-key catest-key:catest-secret")
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
}
