package jstore_test

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

func TestStep1KeepsCSRWarnings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{
		Subject: pkix.Name{CommonName: "www.example.jp", OrganizationalUnit: []string{"IT"}}}, testkit.Key(t))
	require.NoError(t, err)
	app, err := f.svc.StartNew(t.Context(), acct, dv1)
	require.NoError(t, err)
	app, err = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))})
	require.NoError(t, err)
	require.Len(t, app.CSRWarnings, 1)
	assert.Equal(t, "subject_ou", app.CSRWarnings[0].Code)
	assert.Equal(t, "csr.ou", app.CSRWarnings[0].Field)
	assert.Contains(t, app.CSRWarnings[0].Message(message.Japanese), "OU")
	stored, err := f.svc.GetApplication(t.Context(), acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, app.CSRWarnings, stored.CSRWarnings)
}

func TestCSRPolicyCheckerBase(t *testing.T) {
	t.Parallel()
	strict := jstore.CSRPolicyChecker{Base: csr.Policy{MinRSABits: 3072}}
	f := newFixture(t, jstore.WithCSRChecker(strict))
	acct := f.account(t, "taro")
	app, err := f.svc.StartNew(t.Context(), acct, dv1)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	assert.Equal(t, []string{"key_too_small"}, problemCodes(t, err), "the base policy applies")

	_, err = strict.CheckCSR([]byte("x"), jstore.CSRCheck{})
	assert.Equal(t, []string{"pem_missing"}, problemCodes(t, err))
	_, err = jstore.CSRPolicyChecker{Base: csr.Policy{MinRSABits: 1}}.CheckCSR([]byte(testkit.CSR(t, nil, "www.example.jp")), jstore.CSRCheck{})
	assert.Error(t, err, "a bad base policy is an error, not a customer problem")
	assert.NotErrorIs(t, err, jstore.ErrInvalid)
}
