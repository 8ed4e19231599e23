package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/quote"
)

func TestQuickstartRuns(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	var buf bytes.Buffer
	require.NoError(t, run(t.Context(), dir, &buf))
	for _, name := range []string{"order.json", "certificate.json", "certificate.pem", "request.csr", "events.json", "certificates.csv", "chain.pem", "bundle.zip", "seal.html"} {
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
	}
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
	csvFile, err := os.ReadFile(filepath.Join(dir, "certificates.csv"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(csvFile, []byte("\xef\xbb\xbf証明書ID")), "a BOM and Japanese headers")
	sealFile, err := os.ReadFile(filepath.Join(dir, "seal.html"))
	require.NoError(t, err)
	assert.Contains(t, string(sealFile), `data-lang="ja"`)
}
