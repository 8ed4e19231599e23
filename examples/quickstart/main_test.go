package main

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/quote"
)

func TestQuickstartRuns(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	var buf bytes.Buffer
	require.NoError(t, run(t.Context(), dir, &buf))
	for _, name := range []string{"order.json", "certificate.json", "certificate.pem", "request.csr", "events.json", "certificates.csv", "chain.pem", "bundle.zip", "seal.html", "root-starfield.pem", "root-godaddy.pem"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.NotEmpty(t, b, name)
	}
	if _, err := quote.FindFont(); err != nil && os.Getenv("JSTORE_REQUIRE_INTEGRATION") != "1" {
		assert.Contains(t, buf.String(), "quote.pdf not written", "without a font the tour says how to get one")
	} else {
		pdf, err := os.ReadFile(filepath.Join(dir, "quote.pdf"))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
		assert.Contains(t, buf.String(), "at step 1: quote.pdf", "the files it wrote are all named")
		assert.Contains(t, buf.String(), "invoice INV-000001 (請求書) issued for 9702 yen")
		assert.Contains(t, buf.String(), "credit note CRN-000001 (返還請求書) for -9702 yen, correcting invoice INV-000003")
		for name, want := range map[string]string{"invoice.pdf": "取引年月日（注文日）", "credit-note.pdf": "返還の対象となる請求書：INV-000003"} {
			pdf, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			assert.Contains(t, testkit.PDFText(t, pdf), want, name)
		}
		table, err := os.ReadFile(filepath.Join(dir, "billing.csv"))
		require.NoError(t, err)
		assert.Contains(t, string(table), "\r\n返還請求書,CRN-000001,", "the archive's CSV lists the credit note")
	}
	assert.Contains(t, buf.String(), "simulated clock from 2026-11-25 10:00")
	assert.Contains(t, buf.String(), "management is locked: この証明書は更新申請")
	assert.NotContains(t, buf.String(), "jstore:", "no Go error text")
	verifyAt(t, dir, buf.String())
	var events []map[string]any
	b, err := os.ReadFile(filepath.Join(dir, "events.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &events))
	assert.Greater(t, len(events), 10)
	assert.Contains(t, buf.String(), "subscription now ends 2028-11-25")
	assert.Contains(t, buf.String(), "management is locked")
	assert.Contains(t, buf.String(), "revocation inquiry revoked")
	assert.Contains(t, buf.String(), "refuses a pasted private key")
	assert.Contains(t, buf.String(), "publish TXT www.example.jp")
	assert.Contains(t, buf.String(), "the preflight found the record")
	assert.Contains(t, buf.String(), "was cancelled before validation")
	assert.Contains(t, buf.String(), "revoked the certificate at the CA")
	assert.Contains(t, buf.String(), "the CA (simulated) issued serial")
	assert.Contains(t, buf.String(), "under the godaddy root")
	assert.Contains(t, buf.String(), "auto.example.jp issued and reissued 3 times by Sync alone, each validated afresh: 4 TXT records published and 4 removed")
	if _, ok := findNginx(); !ok && os.Getenv("JSTORE_REQUIRE_INTEGRATION") != "1" {
		assert.Contains(t, buf.String(), "11. not installed on a web server: nginx is not installed (Debian: apt-get install nginx)")
	} else {
		assert.Regexp(t, `11\. installed by Sync on a local nginx \(127\.0\.0\.1:\d+\): 4 deployments for 4 certificates, .* auto\.example\.jp now serves serial [0-9A-F]+, the current certificate`, buf.String())
	}
	csvFile, err := os.ReadFile(filepath.Join(dir, "certificates.csv"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(csvFile, []byte("\xef\xbb\xbf証明書ID")), "a BOM and Japanese headers")
	sealFile, err := os.ReadFile(filepath.Join(dir, "seal.html"))
	require.NoError(t, err)
	assert.Contains(t, string(sealFile), `data-lang="ja"`)
}

// verifyAt checks chain.pem against the written GoDaddy root at the instant the tour's openssl
// line names, as that command would.
func verifyAt(t *testing.T, dir, out string) {
	t.Helper()
	m := regexp.MustCompile(`openssl verify -attime (\d+) -CAfile \S+root-godaddy.pem -untrusted \S+chain.pem \S+chain.pem`).FindStringSubmatch(out)
	require.NotNil(t, m, "the tour prints how to verify the chain")
	at, err := strconv.ParseInt(m[1], 10, 64)
	require.NoError(t, err)
	read := func(name string) []*x509.Certificate {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		var certs []*x509.Certificate
		for block, rest := pem.Decode(b); block != nil; block, rest = pem.Decode(rest) {
			c, err := x509.ParseCertificate(block.Bytes)
			require.NoError(t, err)
			certs = append(certs, c)
		}
		return certs
	}
	chain, root := read("chain.pem"), read("root-godaddy.pem")
	require.NotEmpty(t, chain)
	require.Len(t, root, 1)
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	roots.AddCert(root[0])
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err = chain[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: time.Unix(at, 0)})
	assert.NoError(t, err, "the chain verifies to the written root at the tour's time")
}
