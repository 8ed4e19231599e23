package csr_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/jstore-sdk/sdk/csr"
)

// TestEveryCode produces each code from a real or constructed CSR.
func TestEveryCode(t *testing.T) {
	t.Parallel()
	good := cnCSR(t, "www.example.jp")
	lines := strings.Split(strings.TrimSpace(string(good)), "\n")
	body := strings.Join(lines[1:len(lines)-1], "\n")
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	k3072, err := rsa.GenerateKey(rand.Reader, 3072)
	require.NoError(t, err)
	flipped := func() []byte {
		b := append([]byte(nil), good...)
		// Change one base64 character near the end: inside the signature.
		i := bytes.LastIndex(b, []byte("\n-----END")) - 10
		b[i] = map[bool]byte{true: 'B', false: 'A'}[b[i] == 'A']
		return b
	}()
	manySANs := make([]string, 101)
	for i := range manySANs {
		manySANs[i] = fmt.Sprintf("h%d.example.jp", i)
	}
	challenge := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 7})
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.PrintableString, func(b *cryptobyte.Builder) { b.AddBytes([]byte("secret")) })
			})
		})
	}
	cnAttr := rdn{oidCN, cbasn1.UTF8String, "www.example.jp"}
	ca := makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}, ExtraExtensions: []pkix.Extension{
		{Id: asn1.ObjectIdentifier{2, 5, 29, 19}, Critical: true, Value: []byte{0x30, 0x03, 0x01, 0x01, 0xff}},
	}}, nil)

	tests := []struct {
		code   csr.Code
		input  []byte
		policy csr.Policy
		warn   bool // the code is a warning under this policy
	}{
		{csr.CodeInputTooLarge, bytes.Repeat([]byte("A"), csr.MaxInputBytes+1), csr.Policy{}, false},
		{csr.CodePEMMissing, []byte("hello, here is my CSR"), csr.Policy{}, false},
		{csr.CodePEMMissing, testdata(t, "b02-boulder-cn_and_san-valid.der.csr"), csr.Policy{}, false},
		{csr.CodePEMMissing, []byte(body), csr.Policy{}, false},
		{csr.CodePEMMalformed, []byte("----BEGIN CERTIFICATE REQUEST----\n" + body + "\n----END CERTIFICATE REQUEST----\n"), csr.Policy{}, false},
		{csr.CodePEMMalformed, []byte("-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n"), csr.Policy{}, false},
		{csr.CodePEMMalformed, []byte("-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END NEW CERTIFICATE REQUEST-----\n"), csr.Policy{}, false},
		{csr.CodePEMMalformed, append(append([]byte{}, good...), good...), csr.Policy{}, false},
		{csr.CodePEMMalformed, append(append([]byte{}, good...), []byte(lines[3]+"\n")...), csr.Policy{}, false},
		{csr.CodePEMMalformed, []byte(strings.Join(lines, " ")), csr.Policy{}, false},
		{csr.CodePEMMalformed, testdata(t, "c01-cfssl-broken_csr-bad-base64.pem"), csr.Policy{}, false},
		{csr.CodePrivateKey, []byte("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"), csr.Policy{}, false},
		{csr.CodePrivateKey, append(append([]byte{}, good...), []byte("----BEGIN PRIVATE KEY----\nMIIE\n")...), csr.Policy{}, false},
		{csr.CodeDERMalformed, []byte("-----BEGIN CERTIFICATE REQUEST-----\n" + strings.Join(lines[1:5], "\n") + "\n-----END CERTIFICATE REQUEST-----\n"), csr.Policy{}, false},
		{csr.CodeVersion, rawCSR(t, 2, subject(cnAttr), nil), csr.Policy{}, true},
		{csr.CodeVersionInvalid, rawCSR(t, 1, subject(cnAttr), nil), csr.Policy{}, false},
		{csr.CodeVersionInvalid, testdata(t, "k02-badkeys-invalidver.csr"), csr.Policy{}, false},
		{csr.CodeSignatureInvalid, flipped, csr.Policy{}, false},
		{csr.CodeSignatureAlgorithm, testdata(t, "p02-pyca-rsa_md4.pem"), csr.Policy{}, false},
		{csr.CodeSignatureAlgorithm, testdata(t, "p05-pyca-rsa_sha1.pem"), csr.Policy{}, true},
		{csr.CodeKeyAlgorithm, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}}, ec), csr.Policy{}, false},
		{csr.CodeKeyAlgorithm, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}}, ec), csr.Policy{KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.ECDSA}, Curves: []elliptic.Curve{elliptic.P384()}}, false},
		{csr.CodeKeyTooSmall, testdata(t, "c04-cfssl-rsa1024.csr"), csr.Policy{}, false},
		{csr.CodeKeyTooSmall, cnCSR(t, "www.example.jp"), csr.Policy{MinRSABits: 3072}, false},
		{csr.CodeKeyTooLarge, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}}, k3072), csr.Policy{MaxRSABits: 2048}, false},
		{csr.CodeKeySize, testdata(t, "r02-roca-csr05-positive-2049bit.pem"), csr.Policy{}, false},
		{csr.CodeKeyExponent, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}}, rsaKeyWithExponent(t, 3)), csr.Policy{}, true},
		{csr.CodeKeyWeak, testdata(t, "b07-boulder-fermat_csr.pem"), csr.Policy{}, false},
		{csr.CodeKeyWeak, testdata(t, "r02-roca-csr05-positive-2049bit.pem"), csr.Policy{}, false},
		{csr.CodeKeyWeak, good, csr.Policy{BlockedKey: func(crypto.PublicKey) bool { return true }}, false},
		{csr.CodeCNMissing, cnCSR(t, ""), csr.Policy{}, false},
		{csr.CodeCNInvalid, cnCSR(t, "my web site"), csr.Policy{}, false},
		{csr.CodeCNInvalid, cnCSR(t, "under_score.example.jp"), csr.Policy{}, false},
		{csr.CodeCNInvalid, cnCSR(t, "-bad.example.jp"), csr.Policy{}, false},
		{csr.CodeCNInvalid, cnCSR(t, "co.jp"), csr.Policy{}, false},
		{csr.CodeCNIP, cnCSR(t, "192.0.2.1"), csr.Policy{}, false},
		{csr.CodeCNInternal, cnCSR(t, "server01"), csr.Policy{}, false},
		{csr.CodeCNInternal, cnCSR(t, "intranet.local"), csr.Policy{}, false},
		{csr.CodeCNInternal, cnCSR(t, "host.corp"), csr.Policy{}, false},
		{csr.CodeCNInternal, cnCSR(t, "1.2.0.192.in-addr.arpa"), csr.Policy{}, false},
		{csr.CodeCNWildcard, cnCSR(t, "*.example.jp"), csr.Policy{}, false},
		{csr.CodeCNWildcard, cnCSR(t, "www.example.jp"), csr.Policy{Wildcard: true}, false},
		{csr.CodeCNWildcard, cnCSR(t, "a*.example.jp"), csr.Policy{Wildcard: true}, false},
		{csr.CodeCNWildcard, cnCSR(t, "*.*.example.jp"), csr.Policy{Wildcard: true}, false},
		{csr.CodeCNWildcard, cnCSR(t, "*.co.jp"), csr.Policy{Wildcard: true}, false},
		{csr.CodeCNIDN, cnCSR(t, "例え.jp"), csr.Policy{}, false},
		{csr.CodeCNMismatch, cnCSR(t, "shop.example.jp"), csr.Policy{ExpectedCN: "www.example.jp"}, false},
		{csr.CodeCNInvisible, rawCSR(t, 0, utf8CN("www.exa\u200bmple.jp"), nil), csr.Policy{}, false},
		{csr.CodeCNFullwidth, rawCSR(t, 0, utf8CN("ｗｗｗ.example.jp"), nil), csr.Policy{}, false},
		{csr.CodeCNMixedScript, rawCSR(t, 0, utf8CN("\u0430pple.com"), nil), csr.Policy{}, false},
		{csr.CodeCNMixedScript, cnCSR(t, "xn--pple-43d.com"), csr.Policy{}, false},
		{csr.CodeCNNotInSAN, cnCSR(t, "www.example.jp", "shop.example.jp"), csr.Policy{}, true},
		{csr.CodeSANInvalid, cnCSR(t, "www.example.jp", "bad_name.example.jp"), csr.Policy{}, false},
		{csr.CodeSANInvalid, cnCSR(t, "www.example.jp", "*.example.jp"), csr.Policy{}, false},
		{csr.CodeSANIP, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}, IPAddresses: []net.IP{net.ParseIP("203.0.113.7")}}, nil), csr.Policy{}, false},
		{csr.CodeSANEmailURI, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp"}, EmailAddresses: []string{"a@example.jp"}}, nil), csr.Policy{}, false},
		{csr.CodeSANTooMany, cnCSR(t, "www.example.jp", manySANs...), csr.Policy{}, false},
		{csr.CodeSANInternal, cnCSR(t, "www.example.jp", "www.example.jp", "intranet"), csr.Policy{}, false},
		{csr.CodeSANInternal, cnCSR(t, "www.example.jp", "www.example.jp", "db.local"), csr.Policy{}, false},
		{csr.CodeSANIDN, rawCSR(t, 0, subject(cnAttr), sanRequest("www.example.jp", "例え.jp")), csr.Policy{}, false},
		{csr.CodeSANInvisible, rawCSR(t, 0, subject(cnAttr), sanRequest("www.example.jp", "shop\u202e.example.jp")), csr.Policy{}, false},
		{csr.CodeSANFullwidth, rawCSR(t, 0, subject(cnAttr), sanRequest("www.example.jp", "ｓｈｏｐ.example.jp")), csr.Policy{}, false},
		{csr.CodeSANMixedScript, rawCSR(t, 0, subject(cnAttr), sanRequest("www.example.jp", "p\u0430ypal.com")), csr.Policy{}, false},
		{csr.CodeSubjectCharset, rawCSR(t, 0, subject(cnAttr, rdn{oidO, cbasn1.Tag(30), "\x00E\x00x"}), nil), csr.Policy{}, false},
		{csr.CodeSubjectCharset, rawCSR(t, 0, subject(cnAttr, rdn{oidO, cbasn1.UTF8String, "Evil\x07Corp"}), nil), csr.Policy{}, false},
		{csr.CodeSubjectCharset, rawCSR(t, 0, subject(cnAttr, rdn{oidO, cbasn1.PrintableString, "A&B"}), nil), csr.Policy{}, false},
		{csr.CodeSubjectCharset, rawCSR(t, 0, subject(cnAttr, rdn{oidO, cbasn1.UTF8String, "Example \u202eKK"}), nil), csr.Policy{}, false},
		{csr.CodeSubjectCharset, rawCSR(t, 0, subject(cnAttr, rdn{oidO, cbasn1.UTF8String, "Exa\u200bmple KK"}), nil), csr.Policy{}, false},
		{csr.CodeSubjectCharset, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{"株式会社\u2066サンプル"}}}, nil), csr.Policy{}, false},
		{csr.CodeSubjectTooLong, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{strings.Repeat("会", 65)}}}, nil), csr.Policy{}, false},
		{csr.CodeSubjectTooLong, cnCSR(t, strings.Repeat("a", 60)+".example.jp"), csr.Policy{}, false},
		{csr.CodeSubjectPlaceholder, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Organization: []string{"NA"}}}, nil), csr.Policy{}, true},
		{csr.CodeSubjectPlaceholder, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Locality: []string{"none"}}}, nil), csr.Policy{OrganizationValidated: true}, false},
		{csr.CodeSubjectOU, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", OrganizationalUnit: []string{"IT"}}}, nil), csr.Policy{}, true},
		{csr.CodeSubjectEmail, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", ExtraNames: []pkix.AttributeTypeAndValue{{Type: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}, Value: "web@example.jp"}}}}, nil), csr.Policy{}, true},
		{csr.CodeCountryInvalid, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Country: []string{"UK"}}}, nil), csr.Policy{}, false},
		{csr.CodeCountryInvalid, makeCSR(t, x509.CertificateRequest{Subject: pkix.Name{CommonName: "www.example.jp", Country: []string{"Japan"}}}, nil), csr.Policy{}, false},
		{csr.CodeChallengePassword, rawCSR(t, 0, subject(cnAttr), challenge), csr.Policy{}, true},
		{csr.CodeExtension, ca, csr.Policy{}, false},
	}
	covered := map[csr.Code]bool{}
	for i, tc := range tests {
		t.Run(fmt.Sprintf("%02d-%s", i, tc.code), func(t *testing.T) {
			r, err := csr.Check(tc.input, tc.policy)
			covered[tc.code] = true
			if tc.warn {
				require.NoError(t, err)
				var codes []csr.Code
				for _, w := range r.Warnings {
					codes = append(codes, w.Code)
					assert.Equal(t, csr.SeverityWarning, w.Severity)
				}
				assert.Contains(t, codes, tc.code)
				strict := tc.policy
				strict.Strict = true
				_, err = csr.Check(tc.input, strict)
				assert.ErrorIs(t, err, tc.code, "Strict refuses it")
				return
			}
			var e *csr.Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, tc.code)
			for _, p := range e.Problems {
				assert.NotEmpty(t, p.Message("ja"))
				assert.NotEmpty(t, p.Message("en"))
			}
		})
	}
	t.Run("all codes covered", func(t *testing.T) {
		for _, c := range allCodes {
			assert.True(t, covered[c], "no test produces %s", c)
		}
	})
}

var allCodes = []csr.Code{
	csr.CodeInputTooLarge, csr.CodePEMMissing, csr.CodePEMMalformed, csr.CodePrivateKey, csr.CodeDERMalformed,
	csr.CodeVersion, csr.CodeSignatureInvalid, csr.CodeSignatureAlgorithm, csr.CodeKeyAlgorithm, csr.CodeKeyTooSmall,
	csr.CodeKeyTooLarge, csr.CodeKeySize, csr.CodeKeyExponent, csr.CodeKeyWeak, csr.CodeCNMissing, csr.CodeCNInvalid,
	csr.CodeCNIP, csr.CodeCNInternal, csr.CodeCNWildcard, csr.CodeCNIDN, csr.CodeCNMismatch, csr.CodeSANInvalid,
	csr.CodeSANIP, csr.CodeSANEmailURI, csr.CodeSANTooMany, csr.CodeSubjectCharset, csr.CodeSubjectTooLong,
	csr.CodeSubjectPlaceholder, csr.CodeSubjectOU, csr.CodeCountryInvalid, csr.CodeChallengePassword, csr.CodeExtension,
	csr.CodeVersionInvalid, csr.CodeCNInvisible, csr.CodeCNFullwidth, csr.CodeCNMixedScript, csr.CodeCNNotInSAN,
	csr.CodeSANInternal, csr.CodeSANIDN, csr.CodeSANInvisible, csr.CodeSANFullwidth, csr.CodeSANMixedScript, csr.CodeSubjectEmail,
}
