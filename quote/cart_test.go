package quote_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

// TestCartQuote: a quote of the cart has a line per new or renewal item with its own domain,
// and its amounts are the ones the order is priced at.
func TestCartQuote(t *testing.T) {
	t.Parallel()
	cat := jstore.DefaultCatalogue()
	product := func(code string) jstore.Product {
		p, ok := cat.Lookup(code)
		require.True(t, ok, code)
		return p
	}
	items := []jstore.Application{
		{Kind: jstore.AppNew, ProductCode: "DV_SSL", Term: 1, CommonName: "www.example.jp"},
		{Kind: jstore.AppRenewal, ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 10, CommonName: "shop.example.jp"},
		{Kind: jstore.AppReissue, ProductCode: "DV_SSL", CommonName: "old.example.jp"},
		{Kind: jstore.AppNew, ProductCode: "OV_SSL", Term: 3}, // before step 1: no domain yet
	}
	var cart jstore.Cart
	var priced []jstore.PriceItem
	for _, a := range items {
		cart.Items = append(cart.Items, jstore.CartItem{Application: a, Product: product(a.ProductCode)})
		if a.Kind != jstore.AppReissue {
			priced = append(priced, jstore.PriceItem{Product: product(a.ProductCode), Term: a.Term, SANSlots: a.SANSlots, Kind: a.Kind})
		}
	}
	req := quote.CartRequest(cart, "gold")
	assert.Equal(t, []quote.LineRequest{
		{ProductCode: "DV_SSL", Term: 1, Quantity: 1, Domain: "www.example.jp"},
		{ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 10, Quantity: 1, Domain: "shop.example.jp"},
		{ProductCode: "OV_SSL", Term: 3, Quantity: 1},
	}, req.Lines, "the reissue is free and left out")
	assert.Equal(t, "gold", req.ContractRef)

	q := newQuoter(t)
	qt, err := q.Quote(t.Context(), req)
	require.NoError(t, err)
	pr, err := q.Price(t.Context(), jstore.Account{ContractRef: "gold"}, priced)
	require.NoError(t, err)
	for i, l := range qt.Lines {
		assert.Equal(t, pr.Amounts[i], l.Amount, "line %d", i)
	}
	assert.Equal(t, pr.Subtotal, qt.Subtotal)
	assert.Equal(t, pr.Total, qt.Total)

	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, qt, quote.Japanese))
	assertInOrder(t, testkit.PDFText(t, buf.Bytes()), "ドメイン認証SSL", "www.example.jp", "ドメイン認証マルチドメインSSL", "shop.example.jp", "企業認証SSL", "合計")

	req.Lines[0].Domain = "www.example.jp\u202e"
	_, err = q.Quote(t.Context(), req)
	var verr *jstore.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "lines[0].domain", verr.Problems[0].Field)
	assert.Contains(t, verr.Problems[0].Message(message.Japanese), "1行目のドメイン名")
}
