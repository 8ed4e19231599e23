package jstore_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// exportFixture issues two certificates for one account, one of them for an organisation whose
// name a spreadsheet would read as a formula, and one for another account.
func exportFixture(t *testing.T, orgName string) (*fixture, jstore.AccountID, []jstore.Certificate) {
	f := newFixture(t)
	acct := f.account(t, "csv")
	var certs []jstore.Certificate
	for _, cn := range []string{"www.example.jp", "shop.example.jp"} {
		app, err := f.svc.StartNew(t.Context(), acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 5})
		require.NoError(t, err)
		o := org
		o.Name = orgName
		_, err = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, cn), SANs: []string{"a." + cn, "b." + cn}, Organization: o})
		require.NoError(t, err)
		app, err = f.svc.SubmitStep2(t.Context(), acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy})
		require.NoError(t, err)
		certs = append(certs, f.orderAndIssue(t, acct, app))
	}
	f.issued(t, f.account(t, "other"), dv1, "other.example.jp")
	return f, acct, certs
}

func readCSV(t *testing.T, b []byte) [][]string {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return rows
}

// TestExportCSV: headers in Japanese by default, English on request; a BOM by default; RFC 4180
// with CRLF; application, issuance and billing data per certificate; only the account's.
func TestExportCSV(t *testing.T) {
	t.Parallel()
	f, acct, certs := exportFixture(t, "株式会社, \"サンプル\"")
	var buf bytes.Buffer
	n, err := f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.True(t, bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")), "a byte-order mark for Excel")
	assert.Contains(t, buf.String(), "\r\n", "CRLF line ends")
	rows := readCSV(t, bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))
	require.Len(t, rows, 3)
	assert.Equal(t, "証明書ID", rows[0][0])
	assert.Equal(t, "合計（税込）", rows[0][len(rows[0])-4])
	assert.Equal(t, "配信が異なる配置先", rows[0][len(rows[0])-1])
	row := rows[1]
	c := certs[0]
	want := map[int]string{0: string(c.ID), 1: "ドメイン認証マルチドメインSSL", 2: "2", 3: "www.example.jp", 4: "a.www.example.jp b.www.example.jp",
		5: "5", 6: "DNS認証", 7: "GoDaddy", 8: "株式会社, \"サンプル\"", 9: "発行済", 10: c.SerialHex, 12: c.NotAfter.In(tokyo).Format("2006-01-02"),
		13: c.SubscriptionEnd.In(tokyo).Format("2006-01-02"), 15: string(c.Order)}
	for i, v := range want {
		assert.Equal(t, v, row[i], "column %d (%s)", i+1, rows[0][i])
	}
	assert.NotEmpty(t, row[14], "issuer")
	assert.NotEmpty(t, row[17], "amount")

	buf.Reset()
	_, err = f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Lang: "en", Encoding: jstore.UTF8, Certificates: []jstore.CertificateID{certs[1].ID}})
	require.NoError(t, err)
	rows = readCSV(t, buf.Bytes())
	require.Len(t, rows, 2, "only the selected certificate")
	assert.Equal(t, "certificate ID", rows[0][0])
	assert.Equal(t, "Domain Validated Multi-Domain SSL", rows[1][1])
	assert.Equal(t, []string{"DNS", "GoDaddy", "issued"}, []string{rows[1][6], rows[1][7], rows[1][9]})

	other := f.account(t, "stranger")
	_, err = f.svc.ExportCSV(t.Context(), other, &buf, jstore.CSVOptions{Certificates: []jstore.CertificateID{certs[0].ID}})
	assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's certificate")
	buf.Reset()
	n, err = f.svc.ExportCSV(t.Context(), other, &buf, jstore.CSVOptions{Encoding: jstore.UTF8})
	require.NoError(t, err)
	assert.Zero(t, n)
	_, err = f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Lang: "fr"})
	assert.ErrorIs(t, err, jstore.ErrInvalid)
}

// TestExportCSVNeutralisesFormulas: an organisation name a spreadsheet would read as a formula
// is written so that it cannot start one (tabs and CRs, which step 1 refuses in a name, are
// checked in the internal test).
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"=HYPERLINK(\"http://evil\")", "+1+1", "-2 KK", "@SUM(A1)"} {
		f, acct, _ := exportFixture(t, name)
		var buf bytes.Buffer
		_, err := f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Encoding: jstore.UTF8})
		require.NoError(t, err)
		rows := readCSV(t, buf.Bytes())
		assert.Equal(t, "'"+name, rows[1][8], "%q", name)
	}
}

// TestExportCSVShiftJIS: Shift_JIS decodes back to the same text; a character it cannot hold
// is an error naming the row and column, or a ? with Replace.
func TestExportCSVShiftJIS(t *testing.T) {
	t.Parallel()
	f, acct, _ := exportFixture(t, "株式会社サンプル①")
	var buf bytes.Buffer
	_, err := f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Encoding: jstore.ShiftJIS})
	require.NoError(t, err)
	decoded, err := japanese.ShiftJIS.NewDecoder().Bytes(buf.Bytes())
	require.NoError(t, err)
	rows := readCSV(t, decoded)
	assert.Equal(t, "証明書ID", rows[0][0])
	assert.Equal(t, "株式会社サンプル①", rows[1][8], "CP932 holds ①")

	f, acct, _ = exportFixture(t, "𠮷野家株式会社")
	buf.Reset()
	_, err = f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Encoding: jstore.ShiftJIS})
	var ce *jstore.CSVCellError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 2, ce.Row, "the first certificate's row")
	assert.Equal(t, 9, ce.Column)
	assert.Equal(t, "組織名", ce.Header)
	assert.Equal(t, '𠮷', ce.Char)
	buf.Reset()
	_, err = f.svc.ExportCSV(t.Context(), acct, &buf, jstore.CSVOptions{Encoding: jstore.ShiftJIS, Replace: true})
	require.NoError(t, err)
	decoded, err = japanese.ShiftJIS.NewDecoder().Bytes(buf.Bytes())
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(decoded), "?野家株式会社"), "replaced")
}

// TestExportCSVMoneyColumnsSum: the money columns are the line's own — its amount, its share
// of the order's tax and the two added — so a spreadsheet's column sums give the order's
// figures, not a multiple of them.
func TestExportCSVMoneyColumnsSum(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	acct := f.account(t, "sums")
	var apps []jstore.Application
	for i, sel := range []jstore.Selection{dv1, {ProductCode: "DV_SSL", Term: 3}, {ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}} {
		app, err := f.svc.StartNew(ctx, acct, sel)
		require.NoError(t, err)
		apps = append(apps, f.registered(t, acct, app, fmt.Sprintf("s%d.example.jp", i)))
	}
	order, err := f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{apps[0].ID, apps[1].ID, apps[2].ID})
	require.NoError(t, err)
	for _, app := range apps {
		app, err = f.svc.GetApplication(ctx, acct, app.ID)
		require.NoError(t, err)
		f.issueFor(t, acct, app)
	}
	var buf bytes.Buffer
	_, err = f.svc.ExportCSV(ctx, acct, &buf, jstore.CSVOptions{Encoding: jstore.UTF8})
	require.NoError(t, err)
	rows := readCSV(t, buf.Bytes())
	require.Len(t, rows, 4)
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, head)
		return -1
	}
	amount, tax, total := col("金額（税抜）"), col("消費税（按分）"), col("合計（税込）")
	var sums [3]int64
	for _, r := range rows[1:] {
		var v [3]int64
		for k, c := range []int{amount, tax, total} {
			v[k], err = strconv.ParseInt(r[c], 10, 64)
			require.NoError(t, err)
			sums[k] += v[k]
		}
		assert.Equal(t, v[0]+v[1], v[2], "a row's total is its amount and its tax")
	}
	assert.Equal(t, [3]int64{order.Subtotal, order.Tax, order.Total}, sums)
}
