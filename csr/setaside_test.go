package csr_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/jstore-sdk/sdk/csr"
)

// TestNamesRefusedByGoStillJudgedWhole: Go's parser refuses a CSR whose SAN holds a UTF-8
// dNSName. The key, the subject and the signature are still judged, and the name gets its
// A-label suggested, all at once.
func TestNamesRefusedByGoStillJudgedWhole(t *testing.T) {
	t.Parallel()
	good := rawCSR(t, 0, subject(rdn{oidCN, cbasn1.UTF8String, "www.example.jp"}, rdn{asn1.ObjectIdentifier{2, 5, 4, 11}, cbasn1.UTF8String, "IT"}),
		sanRequest("www.example.jp", "例え.jp"))
	block, _ := pem.Decode(good)
	_, err := x509.ParseCertificateRequest(block.Bytes)
	require.Error(t, err, "Go's parser refuses this CSR")

	r, err := csr.Check(good, csr.Policy{})
	var e *csr.Error
	require.ErrorAs(t, err, &e)
	require.NotNil(t, r, "the request is returned for display")
	assert.ElementsMatch(t, []csr.Code{csr.CodeSANIDN, csr.CodeSubjectOU}, codesOf(e.Problems))
	idn := e.Problems[slices.IndexFunc(e.Problems, func(p csr.Problem) bool { return p.Code == csr.CodeSANIDN })]
	assert.Contains(t, idn.Message("ja"), "xn--r8jz45g.jp", "the A-label is suggested")
	assert.NotContains(t, codesOf(e.Problems), csr.CodeSignatureInvalid, "the signature is verified over the original bytes")

	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	weak := signedCSR(t, small, 0, subject(rdn{oidCN, cbasn1.UTF8String, "www.example.jp"}), sanRequest("例え.jp"))
	_, err = csr.Check(weak, csr.Policy{})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, []csr.Code{csr.CodeKeyTooSmall, csr.CodeCNNotInSAN, csr.CodeSANIDN}, codesOf(e.Problems))
}

// TestUnknownAlgorithmsAreNamed: an algorithm Go does not know is named by its OID (and by
// name where one is well known), never "0"; key problems come before signature problems.
func TestUnknownAlgorithmsAreNamed(t *testing.T) {
	t.Parallel()
	_, err := csr.Check(testdata(t, "p02-pyca-rsa_md4.pem"), csr.Policy{})
	var e *csr.Error
	require.ErrorAs(t, err, &e)
	assert.Contains(t, e.Problems[0].Message("en"), "md4WithRSAEncryption (1.2.840.113549.1.1.3)")

	x448 := rawCSRWithKey(t, []byte{0x30, 0x42, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6f, 0x03, 0x39, 0x00}, 56)
	_, err = csr.Check(x448, csr.Policy{})
	require.ErrorAs(t, err, &e)
	require.NotEmpty(t, e.Problems)
	assert.Equal(t, csr.CodeKeyAlgorithm, e.Problems[0].Code)
	assert.Contains(t, e.Problems[0].Message("ja"), "X448 (1.3.101.111)")
	assert.NotContains(t, e.Problems[0].Message("en"), "(0)")

	_, err = csr.Check(testdata(t, "k02-badkeys-invalidver.csr"), csr.Policy{})
	require.ErrorAs(t, err, &e)
	codes := codesOf(e.Problems)
	assert.Less(t, slices.Index(codes, csr.CodeKeyAlgorithm), slices.Index(codes, csr.CodeSignatureInvalid), "key before signature: %v", codes)
}

func codesOf(ps []csr.Problem) []csr.Code {
	out := make([]csr.Code, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

// signedCSR is rawCSR with another RSA key.
func signedCSR(t testing.TB, key *rsa.PrivateKey, version int64, subj []byte, attrs func(*cryptobyte.Builder)) []byte {
	t.Helper()
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	tbs := tbsDER(version, subj, spki, attrs)
	sum := sha256.Sum256(tbs)
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return wrapCSR(tbs, sig)
}

// rawCSRWithKey builds a CSR around a SubjectPublicKeyInfo Go cannot read, with keyLen bytes
// of key and a signature that cannot verify.
func rawCSRWithKey(t *testing.T, spkiPrefix []byte, keyLen int) []byte {
	t.Helper()
	spki := append(append([]byte(nil), spkiPrefix...), make([]byte, keyLen)...)
	return wrapCSR(tbsDER(0, subject(rdn{oidCN, cbasn1.UTF8String, "www.example.jp"}), spki, nil), make([]byte, 256))
}

func tbsDER(version int64, subj, spki []byte, attrs func(*cryptobyte.Builder)) []byte {
	var tbs cryptobyte.Builder
	tbs.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(version)
		b.AddBytes(subj)
		b.AddBytes(spki)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			if attrs != nil {
				attrs(b)
			}
		})
	})
	return tbs.BytesOrPanic()
}

func wrapCSR(tbs, sig []byte) []byte {
	var out cryptobyte.Builder
	out.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11})
			b.AddASN1NULL()
		})
		b.AddASN1BitString(sig)
	})
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: out.BytesOrPanic()})
}
