package main

import (
	"net/http"
	"net/url"
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
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	b.registered("www.example.jp", nil)
	b.get("/cart")
	status, _, pdf := b.post("/cart/quote", url.Values{})
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, testkit.PDFText(t, []byte(pdf)), "株式会社デモ", "addressed to the account's company")
}
