package csr_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// makeCSR has Go build a CSR from tmpl, signed by key (the shared RSA key when nil).
func makeCSR(t testing.TB, tmpl x509.CertificateRequest, key crypto.Signer) []byte {
	t.Helper()
	if key == nil {
		key = testkit.Key(t)
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &tmpl, key)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})
}

func cnCSR(t testing.TB, cn string, sans ...string) []byte {
	return makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: cn}, DNSNames: sans}, nil)
}

// rawCSR builds a CSR by hand — for what Go will not write: a version other than 0, chosen
// string types, a challengePassword — and signs it with SHA-256 and the shared key.
func rawCSR(t testing.TB, version int64, subject []byte, attrs func(b *cryptobyte.Builder)) []byte {
	t.Helper()
	return signedCSR(t, testkit.Key(t), version, subject, attrs)
}

// rdn is one attribute of a hand-built subject.
type rdn struct {
	oid asn1.ObjectIdentifier
	tag cbasn1.Tag
	val string
}

var (
	oidCN = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidO  = asn1.ObjectIdentifier{2, 5, 4, 10}
)

func subject(attrs ...rdn) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(a.oid)
					b.AddASN1(a.tag, func(b *cryptobyte.Builder) { b.AddBytes([]byte(a.val)) })
				})
			})
		}
	})
	return b.BytesOrPanic()
}

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func key2048ECDSA(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	return k
}

func smallKey(n int64) *rsa.PublicKey { return &rsa.PublicKey{N: big.NewInt(n), E: 65537} }

// sanRequest adds an extensionRequest attribute with a subjectAltName of dNSNames written as
// given, UTF-8 included, as some tools write them and Go will not.
func sanRequest(names ...string) func(b *cryptobyte.Builder) {
	return func(b *cryptobyte.Builder) {
		var san cryptobyte.Builder
		san.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for _, n := range names {
				b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte(n)) })
			}
		})
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 14})
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{2, 5, 29, 17})
						b.AddASN1OctetString(san.BytesOrPanic())
					})
				})
			})
		})
	}
}

// utf8CN is a subject with cn as a UTF8String.
func utf8CN(cn string) []byte { return subject(rdn{oidCN, cbasn1.UTF8String, cn}) }
