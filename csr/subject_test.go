package csr_test

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

// TestSubjectKeepsJapaneseSpaces: an organisation name may hold the ideographic space (U+3000)
// a Japanese keyboard types; only characters that show nothing are refused, and the refusal
// names the character in both languages.
func TestSubjectKeepsJapaneseSpaces(t *testing.T) {
	t.Parallel()
	_, err := csr.Check(makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{"株式会社\u3000サンプル"}}}, nil), csr.Policy{})
	require.NoError(t, err)

	_, err = csr.Check(makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{"Example\u202eKK"}}}, nil), csr.Policy{})
	var e *csr.Error
	require.ErrorAs(t, err, &e)
	require.Len(t, e.Problems, 1)
	p := e.Problems[0]
	assert.Equal(t, csr.CodeSubjectCharset, p.Code)
	assert.Equal(t, "o", p.Field)
	assert.Contains(t, p.Message("ja"), "U+202E")
	assert.Contains(t, p.Message("en"), "U+202E")
}
