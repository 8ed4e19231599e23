package testkit

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

var (
	sharedKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })
	sharedPKI = sync.OnceValues(catest.NewPKI)
)

// Key returns the RSA-2048 key every test CSR shares.
func Key(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := sharedKey()
	require.NoError(t, err)
	return k
}

// NewKey generates a key of its own, for a test that needs one another certificate lacks.
func NewKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	return k
}

// CSR returns a PEM CSR for cn with exactly the DNS names sans, signed by key (the shared key
// when nil).
func CSR(t testing.TB, key crypto.Signer, cn string, sans ...string) string {
	t.Helper()
	if key == nil {
		key = Key(t)
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: cn}, DNSNames: sans}, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
}

// PKI returns the simulator's roots and intermediates, generated once per test binary.
func PKI(t testing.TB) *catest.PKI {
	t.Helper()
	p, err := sharedPKI()
	require.NoError(t, err)
	return p
}
