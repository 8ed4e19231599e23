package ca_test

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
)

// csrFor makes a PEM CSR for cn and sans with key (the shared RSA key when nil).
func csrFor(t testing.TB, key crypto.Signer, cn string, sans ...string) string {
	t.Helper()
	return testkit.CSR(t, key, cn, append([]string{cn}, sans...)...)
}

var contact = ca.Contact{Email: "tanaka@example.jp", NameFirst: "Taro", NameLast: "Tanaka", Phone: "+81.312345678"}

// parseChain decodes a bundle and verifies it to roots, returning the leaf.
func verifyBundle(t testing.TB, b *ca.Bundle, roots *x509.CertPool, at time.Time, name string) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode([]byte(b.PEMs.Certificate))
	require.NotNil(t, block, "leaf PEM")
	leaf, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	inter := x509.NewCertPool()
	require.True(t, inter.AppendCertsFromPEM([]byte(b.PEMs.Intermediate)), "intermediate PEM")
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: name, CurrentTime: at})
	require.NoError(t, err)
	return leaf
}

func rootPool(c *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c)
	return p
}

func x509VerifyOpts(root *x509.Certificate, b *ca.Bundle, at time.Time) x509.VerifyOptions {
	inter := x509.NewCertPool()
	inter.AppendCertsFromPEM([]byte(b.PEMs.Intermediate))
	return x509.VerifyOptions{Roots: rootPool(root), Intermediates: inter, CurrentTime: at}
}
