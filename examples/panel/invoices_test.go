package main

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

var invoiceLink = regexp.MustCompile(`href="(/invoices/[^"]+)">(INV-\d+)<`)

// TestInvoices: an order is an invoice in the customer's list, downloadable as the PDF it was
// issued as and no one else's to download; staff find it by date, total and customer, export
// the search as CSV and as a zip of PDFs with an index, and mark it paid, which issues its
// receipt; a search that cannot be read says why beside its field.
func TestInvoices(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	if p.app.biller == nil {
		testkit.Missing(t, "invoices need a Japanese font: apt-get install fonts-ipaexfont-gothic")
	}
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	b.issue("www.example.jp", nil)

	_, _, list := b.get("/invoices")
	m := invoiceLink.FindStringSubmatch(list)
	require.NotNil(t, m, list)
	assert.Equal(t, "INV-000001", m[2])
	assert.Contains(t, list, "¥10,780", "its total, tax included")
	status, _, pdf := b.get(m[1])
	require.Equal(t, http.StatusOK, status)
	text := testkit.PDFText(t, []byte(pdf))
	for _, want := range []string{"請求書", "INV-000001", "株式会社デモ 御中", "登録番号 " + demoSeller, "取引年月日（注文日）", "www.example.jp", "消費税（10%）", "お支払期限"} {
		assert.Contains(t, text, want)
	}

	_, err := p.app.svc.Register(t.Context(), jstore.RegisterRequest{LoginID: "other", Password: "another password 1", Customer: jstore.CustomerInfo{
		Company: "他社株式会社", ContactName: "他人", Email: "other@example.jp", Phone: "03-1111-1111"}})
	require.NoError(t, err)
	other := p.visitor(t)
	other.login("other", "another password 1")
	status, _, _ = other.get(m[1])
	assert.Equal(t, http.StatusNotFound, status, "another account's invoice")
	_, _, otherList := other.get("/invoices")
	assert.NotContains(t, otherList, "INV-000001")

	staff := p.visitor(t)
	status, where, _ := staff.get("/staff/invoices")
	assert.Equal(t, http.StatusSeeOther, status, "staff only")
	assert.Equal(t, "/staff", where)
	staff.get("/staff")
	staff.post("/staff/login", url.Values{"password": {demoStaffPassword}})
	today := p.clk.Now().In(p.app.svc.Location()).Format("2006-01-02")
	search := url.Values{"from": {today}, "to": {today}, "min": {"10,000"}, "max": {"20000"}, "customer": {"株式会社デ"}}
	status, _, found := staff.get("/staff/invoices?" + search.Encode())
	require.Equal(t, http.StatusOK, status, found)
	assert.Contains(t, found, "INV-000001")
	search.Set("min", "20000")
	search.Set("max", "30000")
	_, _, none := staff.get("/staff/invoices?" + search.Encode())
	assert.NotContains(t, none, "INV-000001", "outside the amount range")
	search.Set("min", "10000")
	search.Set("max", "20000")

	status, _, csvFile := staff.get("/staff/invoices/export?" + search.Encode())
	require.Equal(t, http.StatusOK, status)
	assert.True(t, strings.HasPrefix(csvFile, "\ufeff種別,番号,発行日"), "UTF-8 with a BOM and Japanese headers")
	assert.Contains(t, csvFile, "請求書,INV-000001,"+today)
	status, _, zipped := staff.get("/staff/invoices/export?" + search.Encode() + "&format=zip")
	require.Equal(t, http.StatusOK, status)
	z, err := zip.NewReader(bytes.NewReader([]byte(zipped)), int64(len(zipped)))
	require.NoError(t, err)
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	assert.ElementsMatch(t, []string{"invoice/INV-000001.pdf", "index.csv"}, names)

	_, _, found = staff.get("/staff/invoices?" + search.Encode())
	staffLink := regexp.MustCompile(`href="(/staff/invoices/[^"]+)">INV-000001<`).FindStringSubmatch(found)
	require.NotNil(t, staffLink, found)
	status, where, _ = staff.post(staffLink[1]+"/paid", url.Values{"query": {search.Encode()}})
	require.Equal(t, http.StatusSeeOther, status)
	_, _, after := staff.get(where)
	assert.Contains(t, after, "領収書RCP-000001を発行しました。")
	_, _, list = b.get("/invoices")
	require.Contains(t, list, "RCP-000001", "the customer sees the receipt")
	assert.Less(t, strings.Index(list, "RCP-000001"), strings.Index(list, "INV-000001"), "the newest first")

	for field, v := range map[string]string{"from": "2026/12/01", "min": "たくさん", "kind": "bill"} {
		bad := url.Values{field: {v}}
		status, _, page := staff.get("/staff/invoices?" + bad.Encode())
		assert.Equal(t, http.StatusUnprocessableEntity, status, field)
		assert.Contains(t, page, `class="problem"`, field)
	}
	status, _, page := staff.get("/staff/invoices?" + url.Values{"min": {"5"}, "max": {"1"}}.Encode())
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, page, "検索範囲の始まりが終わりより後になっています。")
}
