package csr_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"sync"
	"testing"

	"github.com/jstore-sdk/sdk/csr"
)

// The keys are made once per process, so that -count runs compare like with like.
var (
	benchKeysOnce sync.Once
	benchKeys     struct {
		r2048, r4096 *rsa.PrivateKey
		p256         *ecdsa.PrivateKey
	}
)

// benchRSA makes the benchmark keys once and returns the RSA-2048 one.
func benchRSA(b *testing.B) *rsa.PrivateKey {
	benchKeysOnce.Do(func() {
		benchKeys.r2048, _ = rsa.GenerateKey(rand.Reader, 2048)
		benchKeys.r4096, _ = rsa.GenerateKey(rand.Reader, 4096)
		benchKeys.p256, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	})
	return benchKeys.r2048
}

// benchCSR is a typical customer CSR: CN, O, L, ST, C and two SANs.
func benchCSR(b *testing.B, key any) []byte {
	b.Helper()
	tmpl := x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{"Example KK"},
		Locality: []string{"Chiyoda-ku"}, Province: []string{"Tokyo"}, Country: []string{"JP"}},
		DNSNames: []string{"www.example.jp", "example.jp"}}
	der, err := x509.CreateCertificateRequest(rand.Reader, &tmpl, key)
	if err != nil {
		b.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})
}

// floor is the least any checker must do: decode, parse, verify the self-signature.
func floor(b *testing.B, text []byte) {
	block, _ := pem.Decode(text)
	c, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.CheckSignature(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCheck compares Check with the floor on the same CSRs in one run; benchstat the
// output to read the ratio.
func BenchmarkCheck(b *testing.B) {
	r2048, r4096, p256 := benchRSA(b), benchKeys.r4096, benchKeys.p256
	ecdsaPolicy := csr.Policy{KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.ECDSA}}
	cases := []struct {
		name   string
		text   []byte
		policy csr.Policy
	}{
		{"RSA-2048", benchCSR(b, r2048), csr.Policy{}},
		{"RSA-4096", benchCSR(b, r4096), csr.Policy{}},
		{"P-256", benchCSR(b, p256), ecdsaPolicy},
	}
	for _, c := range cases {
		b.Run(c.name+"/floor", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				floor(b, c.text)
			}
		})
		b.Run(c.name+"/Check", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := csr.Check(c.text, c.policy); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckHostile feeds 64 KiB inputs that reach the deepest paths: the base64 scan of a
// huge armoured body, and a CSR buried in 64 KiB of prose.
func BenchmarkCheckHostile(b *testing.B) {
	good := benchCSR(b, benchRSA(b))
	body := bytes.Repeat([]byte("QUJD"), (csr.MaxInputBytes-80)/4)
	inputs := map[string][]byte{
		"huge body":    append(append([]byte("-----BEGIN CERTIFICATE REQUEST-----\n"), body...), "\n-----END CERTIFICATE REQUEST-----\n"...),
		"buried":       append(bytes.Repeat([]byte("prose line\n"), (csr.MaxInputBytes-len(good))/11), good...),
		"dashes":       bytes.Repeat([]byte("-----BEGIN \n"), csr.MaxInputBytes/12),
		"many lines":   bytes.Repeat([]byte("\r"), csr.MaxInputBytes),
		"private keys": bytes.Repeat([]byte("PRIVATE KEY "), csr.MaxInputBytes/12),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = csr.Check(in, csr.Policy{})
			}
		})
	}
}
