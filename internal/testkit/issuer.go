package testkit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Issuer is a small CA for tests that need certificates of their own making: a served site's,
// an expiring one, one another CA signed.
type Issuer struct {
	Cert *x509.Certificate
	PEM  []byte
	key  *ecdsa.PrivateKey
}

// NewIssuer makes a CA valid from an hour ago for a year.
func NewIssuer(t testing.TB) *Issuer { return newCA(t, nil, 1, "Test CA") }

// Intermediate makes a CA that is signs, for chains of three.
func (is *Issuer) Intermediate(t testing.TB) *Issuer { return newCA(t, is, 2, "Test Intermediate") }

// newCA makes a CA signed by parent, or by itself when parent is nil.
func newCA(t testing.TB, parent *Issuer, serial int64, cn string) *Issuer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent.Cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return &Issuer{Cert: cert, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), key: key}
}

// Pool is a pool holding the issuer alone.
func (is *Issuer) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(is.Cert)
	return p
}

// Leaf makes a new key and a leaf for names with the serial, valid from an hour ago until
// notAfter, and returns the leaf with the PEM of the leaf and of the key (PKCS#8).
func (is *Issuer) Leaf(t testing.TB, serial int64, notAfter time.Time, names ...string) (leaf *x509.Certificate, leafPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, is.Cert, &key.PublicKey, is.key)
	require.NoError(t, err)
	leaf, err = x509.ParseCertificate(der)
	require.NoError(t, err)
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return leaf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})
}

// ParseLeaf parses the first certificate of a PEM text.
func ParseLeaf(t testing.TB, pemText string) *x509.Certificate {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	require.NotNil(t, b, "no PEM block")
	c, err := x509.ParseCertificate(b.Bytes)
	require.NoError(t, err)
	return c
}
