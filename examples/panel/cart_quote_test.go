package main

import (
	"bytes"
	"net/http"
	"net/url"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// TestCartQuoteAddressee: the cart's quote is addressed to the account's company.
func TestCartQuoteAddressee(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	if p.app.renderer == nil {
		testkit.Missing(t, "quote PDFs need a Japanese font: apt-get install fonts-ipaexfont-gothic")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testkit.Missing(t, "reading the PDF needs pdftotext: apt-get install poppler-utils")
	}
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	b.registered("www.example.jp", nil)
	b.get("/cart")
	status, _, pdf := b.post("/cart/quote", url.Values{})
	require.Equal(t, http.StatusOK, status)
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader([]byte(pdf))
	text, err := cmd.Output()
	require.NoError(t, err)
	assert.Contains(t, string(text), "株式会社デモ", "addressed to the account's company")
}
