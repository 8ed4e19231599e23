package csr_test

import (
	"bytes"
	"crypto/x509"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

func rewrap(body string, width int) string {
	flat := strings.ReplaceAll(body, "\n", "")
	var b strings.Builder
	for len(flat) > width {
		b.WriteString(flat[:width] + "\n")
		flat = flat[width:]
	}
	b.WriteString(flat)
	return b.String()
}

func TestParseTolerates(t *testing.T) {
	t.Parallel()
	good := string(cnCSR(t, "www.example.jp", "www.example.jp", "mail.example.jp"))
	lines := strings.Split(strings.TrimSpace(good), "\n")
	body := strings.Join(lines[1:len(lines)-1], "\n")
	wrap := func(label, b string) string {
		return "-----BEGIN " + label + "-----\n" + b + "\n-----END " + label + "-----\n"
	}
	tests := map[string]string{
		"as generated":      good,
		"CRLF":              strings.ReplaceAll(good, "\n", "\r\n"),
		"CR only":           strings.ReplaceAll(good, "\n", "\r"),
		"spaces around":     "   \t" + strings.ReplaceAll(good, "\n", "  \n  ") + "   ",
		"NEW label":         wrap("NEW CERTIFICATE REQUEST", body),
		"76 columns":        wrap("CERTIFICATE REQUEST", rewrap(body, 76)),
		"one long line":     wrap("CERTIFICATE REQUEST", rewrap(body, 100000)),
		"odd width 17":      wrap("CERTIFICATE REQUEST", rewrap(body, 17)),
		"blank line inside": wrap("CERTIFICATE REQUEST", strings.Replace(body, "\n", "\n\n", 1)),
		"byte-order mark":   "\xef\xbb\xbf" + good,
		"no final newline":  strings.TrimSuffix(good, "\n"),
		"prose around":      "Hello,\n\nhere is our CSR:\n\n" + good + "\nBest regards,\nTaro\n",
		"openssl -text dump": "Certificate Request:\n    Data:\n        Version: 1 (0x0)\n        Subject: CN = www.example.jp\n" +
			"    Signature Algorithm: sha256WithRSAEncryption\n         3a:4f:00\n" + good,
		"another PEM block before": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" + good,
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := csr.Parse([]byte(text))
			require.NoError(t, err)
			assert.Equal(t, "www.example.jp", r.CommonName)
			assert.Equal(t, []string{"www.example.jp", "mail.example.jp"}, r.DNSNames)
			assert.Equal(t, good, r.PEM(), "re-armoured in strict form")
		})
	}
}

func TestParseExposesTheRequest(t *testing.T) {
	t.Parallel()
	r, err := csr.Parse(testdata(t, "x03-wild-chtglobal-iis-certreq-sha1.txt"))
	require.NoError(t, err)
	assert.Equal(t, "net2mail.chtglobal.com", r.CommonName)
	assert.Equal(t, []string{"CHT GLOBAL"}, r.Subject.Organization)
	assert.Equal(t, []string{"US"}, r.Subject.Country)
	assert.Equal(t, 2048, r.KeyBits)
	assert.Equal(t, "SHA1-RSA", r.SignatureAlgorithm.String())
	assert.NotEmpty(t, r.DER)
}

func TestPrivateKeyIsNeverEchoed(t *testing.T) {
	t.Parallel()
	secret := "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SECRETSECRET"
	for _, text := range []string{
		"-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n",
		string(cnCSR(t, "www.example.jp")) + "-----BEGIN RSA PRIVATE KEY-----\n" + secret + "\n-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + secret + "\n-----END ENCRYPTED PRIVATE KEY-----\n",
		"-----BEGIN OPENSSH PRIVATE KEY-----\n" + secret + "\n-----END OPENSSH PRIVATE KEY-----\n",
	} {
		r, err := csr.Check([]byte(text), csr.Policy{})
		assert.Nil(t, r)
		require.ErrorIs(t, err, csr.CodePrivateKey)
		var e *csr.Error
		require.ErrorAs(t, err, &e)
		assert.Len(t, e.Problems, 1, "nothing else is looked at")
		assert.NotContains(t, err.Error(), "SECRET")
		for _, p := range e.Problems {
			assert.NotContains(t, p.Message("ja")+p.Message("en"), "SECRET")
		}
	}
}

func TestPolicyValidation(t *testing.T) {
	t.Parallel()
	good := cnCSR(t, "www.example.jp")
	for name, p := range map[string]csr.Policy{
		"min below 2048":       {MinRSABits: 1024},
		"max too large":        {MaxRSABits: 20000},
		"min above max":        {MinRSABits: 4096, MaxRSABits: 3072},
		"few Fermat rounds":    {FermatRounds: 10},
		"negative SAN limit":   {MaxSANs: -1},
		"DSA is not allowed":   {KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.DSA}},
		"huge Fermat rounds":   {FermatRounds: 1 << 30},
		"min RSA bits too big": {MinRSABits: 32768},
	} {
		_, err := csr.Check(good, p)
		require.Error(t, err, name)
		var e *csr.Error
		assert.False(t, bytes.Contains([]byte(err.Error()), []byte("refused")), name)
		assert.NotErrorAs(t, err, &e, "%s is a policy error, not a CSR problem", name)
	}
}
