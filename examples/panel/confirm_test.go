package main

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/quote"
)

// TestConfirmBeforeOrder: the cart goes to a 確認 page that prices the checked items — unit
// price, quantity, amount, the amount at 10%, the tax, the total with separators — and orders
// nothing; 注文完了 there orders them; a total that changed meanwhile shows the page again.
func TestConfirmBeforeOrder(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	id := b.registered("www.example.jp", nil)
	b.get("/cart")
	status, _, page := b.post("/cart/confirm", url.Values{"item": {id}})
	require.Equal(t, http.StatusOK, status, page)
	for _, want := range []string{"注文内容の確認", "単価", "数量", "金額", "10%対象", "消費税（10%）", "合計（税込）", "www.example.jp", `id="place-order"`} {
		assert.Contains(t, page, want)
	}
	acct, err := p.app.svc.Authenticate(t.Context(), demoLogin, demoPassword)
	require.NoError(t, err)
	preview, err := p.app.svc.PreviewOrder(t.Context(), acct.ID, []jstore.ApplicationID{jstore.ApplicationID(id)})
	require.NoError(t, err)
	assert.Contains(t, page, `id="total">`+quote.Yen(preview.Total)+`<`)
	assert.Regexp(t, `id="total">¥\d{1,3}(,\d{3})+<`, page, "the total with separators")
	app, err := p.app.svc.GetApplication(t.Context(), acct.ID, jstore.ApplicationID(id))
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, app.Status, "the 確認 page orders nothing")

	status, _, page = b.post("/cart/order", url.Values{"item": {id}, "total": {"1"}})
	assert.Equal(t, http.StatusConflict, status, "a total that is not the price")
	assert.Contains(t, page, "金額が変わりました。")
	status, _, page = b.post("/cart/order", url.Values{"item": {id}, "total": {strconv.FormatInt(preview.Total, 10)}})
	require.Equal(t, http.StatusOK, status, page)
	assert.Contains(t, page, `id="ordered"`)
	b.sync()
	_, _, page = b.get("/applications/" + id)
	assert.Contains(t, page, `id="issued-certificate" href="/certificates/`, "an issued application links to its certificate")
}
