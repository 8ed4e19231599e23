package csrder

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedDERs are the DER bodies of the test CSRs.
func seedDERs(t testing.TB) [][]byte {
	files, err := filepath.Glob("../../csr/testdata/*")
	require.NoError(t, err)
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for rest := b; ; {
			var block *pem.Block
			block, rest = pem.Decode(rest)
			if block == nil {
				break
			}
			out = append(out, block.Bytes)
		}
		if _, err := x509.ParseCertificateRequest(b); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// sameAsX509 fails t unless the fast path's result equals x509's on every field Check uses.
func sameAsX509(t *testing.T, der []byte, fast *x509.CertificateRequest) {
	t.Helper()
	std, err := x509.ParseCertificateRequest(der)
	require.NoError(t, err, "the fast path accepted what x509 refuses")
	fields := map[string][2]any{
		"Raw": {fast.Raw, std.Raw}, "RawTBS": {fast.RawTBSCertificateRequest, std.RawTBSCertificateRequest},
		"RawSPKI": {fast.RawSubjectPublicKeyInfo, std.RawSubjectPublicKeyInfo}, "RawSubject": {fast.RawSubject, std.RawSubject},
		"Signature": {fast.Signature, std.Signature}, "SignatureAlgorithm": {fast.SignatureAlgorithm, std.SignatureAlgorithm},
		"PublicKeyAlgorithm": {fast.PublicKeyAlgorithm, std.PublicKeyAlgorithm}, "PublicKey": {fast.PublicKey, std.PublicKey},
		"Version": {fast.Version, std.Version}, "Subject": {fast.Subject, std.Subject},
		"Extensions": {fast.Extensions, std.Extensions}, "DNSNames": {fast.DNSNames, std.DNSNames},
		"EmailAddresses": {fast.EmailAddresses, std.EmailAddresses}, "IPAddresses": {fast.IPAddresses, std.IPAddresses},
		"URIs": {fast.URIs, std.URIs},
	}
	for name, v := range fields {
		if !reflect.DeepEqual(v[0], v[1]) && !(reflect.ValueOf(v[0]).Kind() == reflect.Slice && reflect.ValueOf(v[0]).Len() == 0 && reflect.ValueOf(v[1]).Len() == 0) {
			t.Errorf("%s differs: fast %#v, x509 %#v", name, v[0], v[1])
		}
	}
	assert.Equal(t, std.CheckSignature() == nil, fast.CheckSignature() == nil, "signature verdict")
}

func TestParseDERMatchesX509(t *testing.T) {
	t.Parallel()
	fast := 0
	for _, der := range seedDERs(t) {
		if c, ok := ParseCommon(der); ok {
			fast++
			sameAsX509(t, der, c)
		}
	}
	assert.Greater(t, fast, 5, "the common CSRs take the fast path")
	c08, ok := ParseCommon(pemDER(t, "../../csr/testdata/c08-cfssl-leaf-rsa2048.csr"))
	require.True(t, ok, "cfssl leaves the signature's NULL parameters out")
	sameAsX509(t, c08.Raw, c08)
}

// FuzzParseDER: whatever the fast path accepts, x509 accepts with the same result.
func FuzzParseDER(f *testing.F) {
	for _, der := range seedDERs(f) {
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		if c, ok := ParseCommon(der); ok {
			sameAsX509(t, der, c)
		}
	})
}

func pemDER(t *testing.T, name string) []byte {
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	block, _ := pem.Decode(b)
	require.NotNil(t, block)
	return block.Bytes
}
