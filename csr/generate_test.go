package csr_test

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

func TestGenerateRoundTrips(t *testing.T) {
	t.Parallel()
	both := csr.Policy{KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.RSA, x509.ECDSA}}
	tests := []struct {
		key    csr.KeyType
		bits   int
		policy csr.Policy
	}{
		{csr.RSA2048, 2048, csr.Policy{}},
		{csr.RSA3072, 3072, csr.Policy{}},
		{csr.RSA4096, 4096, csr.Policy{}},
		{csr.ECDSAP256, 256, both},
		{csr.ECDSAP384, 384, both},
	}
	for _, tc := range tests {
		t.Run(string(tc.key), func(t *testing.T) {
			keyPEM, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: tc.key,
				Subject:  csr.Subject{CommonName: "www.example.jp", Organization: "株式会社サンプル", Locality: "Chiyoda-ku", Province: "Tokyo", Country: "JP"},
				DNSNames: []string{"mail.example.jp"}})
			require.NoError(t, err)
			r, err := csr.Check(csrPEM, tc.policy)
			require.NoError(t, err)
			assert.Empty(t, r.Warnings)
			assert.Equal(t, tc.bits, r.KeyBits)
			assert.Equal(t, []string{"www.example.jp", "mail.example.jp"}, r.DNSNames, "the CN is added to the SANs")
			assert.Equal(t, []string{"株式会社サンプル"}, r.Subject.Organization)

			block, _ := pem.Decode(keyPEM)
			require.NotNil(t, block)
			assert.Equal(t, "PRIVATE KEY", block.Type)
			key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			require.NoError(t, err)
			pub, err := x509.MarshalPKIXPublicKey(key.(crypto.Signer).Public())
			require.NoError(t, err)
			want, err := x509.MarshalPKIXPublicKey(r.PublicKey)
			require.NoError(t, err)
			assert.Equal(t, want, pub, "the key belongs to the CSR")
			_, err = csr.Check(append(csrPEM, keyPEM...), tc.policy)
			assert.ErrorIs(t, err, csr.CodePrivateKey, "and pasting both is refused")
		})
	}
}

func TestGenerateRefuses(t *testing.T) {
	t.Parallel()
	for name, req := range map[string]csr.GenerateRequest{
		"unknown key":     {Key: "RSA-1024", Subject: csr.Subject{CommonName: "www.example.jp"}},
		"internal name":   {Key: csr.ECDSAP256, Subject: csr.Subject{CommonName: "server.local"}},
		"bad country":     {Key: csr.ECDSAP256, Subject: csr.Subject{CommonName: "www.example.jp", Country: "UK"}},
		"no common name":  {Key: csr.ECDSAP256},
		"bad SAN":         {Key: csr.ECDSAP256, Subject: csr.Subject{CommonName: "www.example.jp"}, DNSNames: []string{"a_b.example.jp"}},
		"wildcard in SAN": {Key: csr.ECDSAP256, Subject: csr.Subject{CommonName: "www.example.jp"}, DNSNames: []string{"*.example.jp"}},
	} {
		_, _, err := csr.Generate(req)
		assert.Error(t, err, name)
	}
	_, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: csr.ECDSAP256, Subject: csr.Subject{CommonName: "*.example.jp"}})
	require.NoError(t, err, "a wildcard CN for a wildcard product")
	_, err = csr.Check(csrPEM, csr.Policy{Wildcard: true, KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.ECDSA}})
	assert.NoError(t, err)
}
