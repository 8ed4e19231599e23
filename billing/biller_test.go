package billing_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/cabf"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

const seller = "T9234567890123"

var tokyo = func() *time.Location {
	l, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	return l
}()

// archive is a store both the Service and the Biller use, as a panel's would be.
type archive interface {
	jstore.Store
	billing.Store
}

// world is a Service billing through a Biller, on a clock of its own.
type world struct {
	svc    *jstore.Service
	store  archive
	biller *billing.Biller
	clock  *testkit.Clock
	acct   jstore.Account
	pki    *catest.PKI
	keys   map[jstore.ApplicationID]string // the CSR each application was made with
}

// flaky is a Biller that fails while fail is set, before (or, with after, after) the real one.
type flaky struct {
	b     jstore.Biller
	fail  bool
	after bool
}

var errCrash = errors.New("the process stopped here")

func (f *flaky) Bill(ctx context.Context, b jstore.Bill) error {
	if f.fail && !f.after {
		return errCrash
	}
	if err := f.b.Bill(ctx, b); err != nil {
		return err
	}
	if f.fail {
		return errCrash
	}
	return nil
}

func renderer(t testing.TB) *quote.Renderer {
	t.Helper()
	font, err := quote.FindFont()
	if err != nil {
		testkit.Missing(t, "billing documents need a Japanese font: apt-get install fonts-ipaexfont-gothic")
	}
	r, err := quote.NewRenderer(font, quote.Seller{Name: "株式会社ジェイストア", Address: "東京都港区芝公園4-2-8", RegistrationNumber: seller})
	require.NoError(t, err)
	return r
}

func newWorld(t *testing.T, st archive, basis jstore.BillingBasis, wrap func(jstore.Biller) jstore.Biller) *world {
	t.Helper()
	r := renderer(t)
	w := &world{store: st, clock: testkit.NewClock(time.Date(2026, 12, 1, 10, 0, 0, 0, tokyo)), keys: map[jstore.ApplicationID]string{}}
	var err error
	w.biller, err = billing.NewBiller(billing.Config{Store: st, Seller: seller, Clock: w.clock.Now,
		Drawers:      map[message.Lang]billing.Drawer{message.Japanese: r.Drawer(message.Japanese), message.English: r.Drawer(message.English)},
		PaymentTerms: message.Text{JA: "お支払期限：発行月の翌月末日", EN: "Payment due by the end of the following month"}})
	require.NoError(t, err)
	pricer, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{},
		Book: quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 9800, 2: 18600}, "OV_SSL": {1: 30000}}}})
	require.NoError(t, err)
	var b jstore.Biller = w.biller
	if wrap != nil {
		b = wrap(b)
	}
	w.svc, err = jstore.New(st, jstore.WithClock(w.clock.Now), jstore.WithPricer(pricer), jstore.WithBiller(b, basis),
		jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}))
	require.NoError(t, err)
	w.acct, err = w.svc.Register(t.Context(), jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1",
		Customer: jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
	require.NoError(t, err)
	w.pki, err = catest.NewPKI()
	require.NoError(t, err)
	return w
}

// registered is an application with both steps registered, of product for name.
func (w *world) registered(t *testing.T, app jstore.Application, name string) jstore.Application {
	t.Helper()
	ctx := t.Context()
	req := testkit.CSR(t, testkit.Key(t), name)
	app, err := w.svc.SubmitStep1(ctx, w.acct.ID, app.ID, jstore.Step1{CSR: req})
	require.NoError(t, err)
	app, err = w.svc.SubmitStep2(ctx, w.acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	require.NoError(t, err)
	w.keys[app.ID] = req
	return app
}

func (w *world) newApp(t *testing.T, product, name string) jstore.Application {
	t.Helper()
	app, err := w.svc.StartNew(t.Context(), w.acct.ID, jstore.Selection{ProductCode: product, Term: 1})
	require.NoError(t, err)
	return w.registered(t, app, name)
}

// ordered is an application for name, ordered alone.
func (w *world) ordered(t *testing.T, product, name string) jstore.Application {
	t.Helper()
	app := w.newApp(t, product, name)
	_, err := w.svc.CompleteOrder(t.Context(), w.acct.ID, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	return app
}

// renewalOrdered is cert's renewal for a year, registered and ordered.
func (w *world) renewalOrdered(t *testing.T, cert jstore.Certificate) jstore.Application {
	t.Helper()
	renewal, err := w.svc.StartRenewal(t.Context(), w.acct.ID, cert.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	require.NoError(t, err)
	renewal = w.registered(t, renewal, cert.CommonName)
	_, err = w.svc.CompleteOrder(t.Context(), w.acct.ID, []jstore.ApplicationID{renewal.ID})
	require.NoError(t, err)
	return renewal
}

func (w *world) issue(t *testing.T, app jstore.Application) jstore.Certificate {
	t.Helper()
	now := w.clock.Now()
	leaf, err := w.pki.Chain(catest.Starfield).Issue(w.keys[app.ID], now, now.Add(cabf.PlannedLifetime(now)))
	require.NoError(t, err)
	c, err := w.svc.RecordIssuance(t.Context(), w.acct.ID, app.ID, jstore.Issuance{CertificatePEM: leaf})
	require.NoError(t, err)
	return c
}

// documents lists the archive's documents, oldest first.
func (w *world) documents(t *testing.T) []billing.Document {
	t.Helper()
	page, err := w.store.SearchDocuments(t.Context(), billing.Query{Seller: seller, PDF: true, ListOptions: jstore.ListOptions{Limit: 100}})
	require.NoError(t, err)
	return page.Items
}

func stores(t *testing.T) map[string]func(*testing.T) archive {
	return map[string]func(*testing.T) archive{
		"memstore": func(*testing.T) archive { return memstore.New() },
		"sqlite": func(t *testing.T) archive {
			st, err := sqlstore.OpenSQLite(t.Context(), filepath.Join(t.TempDir(), "billing.db"))
			require.NoError(t, err)
			t.Cleanup(func() { st.Close() })
			return st
		},
	}
}

// TestOrderYieldsInvoice: an order completed is an invoice dated the order's day with each
// line, its tax at 10% and the payment terms; cancelling one of its lines is a credit note
// naming the invoice, dated the day of the return, with the amount and tax returned; marking
// the invoice paid is a receipt for what remains. Each read back from its PDF.
func TestOrderYieldsInvoice(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			w := newWorld(t, open(t), jstore.BillOnOrder, nil)
			a := w.newApp(t, "DV_SSL", "www.example.jp")
			b := w.newApp(t, "OV_SSL", "shop.example.jp")
			order, err := w.svc.CompleteOrder(ctx, w.acct.ID, []jstore.ApplicationID{a.ID, b.ID})
			require.NoError(t, err)

			docs := w.documents(t)
			require.Len(t, docs, 1)
			inv := docs[0]
			assert.Equal(t, billing.Invoice, inv.Kind)
			assert.Equal(t, "INV-000001", inv.Number)
			assert.Equal(t, string(order.ID), inv.Source)
			assert.Equal(t, jstore.BillOnOrder, inv.Basis)
			assert.Equal(t, []billing.RateTotal{{TaxPercent: 10, Net: 39800, Tax: 3980}}, inv.Totals)
			assert.Equal(t, int64(43780), inv.Total)
			assert.Equal(t, order.Total, inv.Total, "the invoice bills what the order charged")
			assert.NoError(t, inv.Verify())
			text := testkit.PDFText(t, inv.PDF)
			for _, want := range []string{"請求書", "INV-000001", "株式会社ジェイストア", "登録番号", seller, "株式会社サンプル 御中",
				"取引年月日（注文日）", "2026年12月1日", "（新規・1年） www.example.jp", "（新規・1年） shop.example.jp", "¥9,800", "¥30,000",
				"¥39,800", "¥3,980", "¥43,780", "お支払期限：発行月の翌月末日"} {
				assert.Contains(t, text, want)
			}

			w.clock.Set(time.Date(2026, 12, 3, 15, 0, 0, 0, tokyo))
			_, err = w.svc.CancelOrder(ctx, w.acct.ID, a.ID)
			require.NoError(t, err)
			docs = w.documents(t)
			require.Len(t, docs, 2)
			credit := docs[1]
			assert.Equal(t, billing.CreditNote, credit.Kind)
			assert.Equal(t, "CRN-000001", credit.Number)
			assert.Equal(t, "INV-000001", credit.Corrects)
			assert.Equal(t, []billing.RateTotal{{TaxPercent: 10, Net: -9800, Tax: -980}}, credit.Totals)
			assert.Equal(t, int64(-10780), credit.Total)
			text = testkit.PDFText(t, credit.PDF)
			for _, want := range []string{"返還請求書", "CRN-000001", "INV-000001", "返還年月日", "2026年12月3日", "www.example.jp", "−¥9,800", "−¥980", "−¥10,780"} {
				assert.Contains(t, text, want)
			}

			receipt, err := w.biller.MarkPaid(ctx, w.acct.ID, inv.ID, time.Date(2026, 12, 20, 9, 0, 0, 0, tokyo))
			require.NoError(t, err)
			assert.Equal(t, "RCP-000001", receipt.Number)
			assert.Equal(t, int64(33000), receipt.Total, "the invoice less the credit note")
			again, err := w.biller.MarkPaid(ctx, w.acct.ID, inv.ID, time.Now())
			require.NoError(t, err)
			assert.Equal(t, receipt.ID, again.ID, "marked paid twice: one receipt")
			text = testkit.PDFText(t, receipt.PDF)
			for _, want := range []string{"領収書", "RCP-000001", "INV-000001", "領収日", "2026年12月20日", "¥33,000"} {
				assert.Contains(t, text, want)
			}
			_, err = w.biller.MarkPaid(ctx, w.acct.ID, credit.ID, time.Now())
			assert.ErrorIs(t, err, billing.ErrInvalid, "a credit note is not paid")
			_, err = w.biller.MarkPaid(ctx, "someone-else", inv.ID, time.Now())
			assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's invoice")
		})
	}
}

// TestBillOnIssuance: on the issuance basis nothing is billed at the order; each certificate
// is invoiced when issued, dated that day — a renewal too — and a free reissue never.
func TestBillOnIssuance(t *testing.T) {
	ctx := t.Context()
	w := newWorld(t, memstore.New(), jstore.BillOnIssuance, nil)
	a := w.ordered(t, "DV_SSL", "www.example.jp")
	assert.Empty(t, w.documents(t), "not billed before it is issued")

	w.clock.Set(time.Date(2026, 12, 4, 11, 0, 0, 0, tokyo))
	cert := w.issue(t, a)
	docs := w.documents(t)
	require.Len(t, docs, 1)
	assert.Equal(t, jstore.BillOnIssuance, docs[0].Basis)
	assert.Equal(t, "2026-12-04", docs[0].TransactionDate.Format(time.DateOnly))
	text := testkit.PDFText(t, docs[0].PDF)
	assert.Contains(t, text, "取引年月日（証明書発行日）")
	assert.Contains(t, text, "2026年12月4日")

	reissue, err := w.svc.StartReissue(ctx, w.acct.ID, cert.ID)
	require.NoError(t, err)
	reissue = w.registered(t, reissue, "www.example.jp")
	reissue, err = w.svc.SubmitReissue(ctx, w.acct.ID, reissue.ID)
	require.NoError(t, err)
	w.clock.Advance(24 * time.Hour)
	w.issue(t, reissue)
	assert.Len(t, w.documents(t), 1, "a free reissue is not billed")

	w.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	w.issue(t, w.renewalOrdered(t, cert))
	docs = w.documents(t)
	require.Len(t, docs, 2)
	assert.Equal(t, "INV-000002", docs[1].Number)
	assert.Contains(t, docs[1].Lines[0].Description, "（更新・1年） www.example.jp")
}

// TestBillSurvivesFailures: a bill the Biller fails before issuing stays due and SettleBills
// issues it; one that failed after issuing (a crash before the bill was marked done) is
// issued again as the same document, taking no second number; a customer name no font draws
// takes no number either, and is issued once the name is corrected.
func TestBillSurvivesFailures(t *testing.T) {
	ctx := t.Context()
	var f *flaky
	w := newWorld(t, memstore.New(), jstore.BillOnOrder, func(b jstore.Biller) jstore.Biller { f = &flaky{b: b, fail: true}; return f })

	first := w.newApp(t, "DV_SSL", "a.example.jp")
	_, err := w.svc.CompleteOrder(ctx, w.acct.ID, []jstore.ApplicationID{first.ID})
	require.NoError(t, err, "the order stands when billing fails")
	assert.Empty(t, w.documents(t))

	f.after = true // now the Biller issues, then the process "stops"
	n, err := w.svc.SettleBills(ctx)
	assert.Zero(t, n)
	assert.ErrorIs(t, err, errCrash)
	var be *jstore.BillError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, jstore.BillInvoice, be.Bill.Kind)
	require.Len(t, w.documents(t), 1, "issued, though not marked done")

	f.fail = false
	n, err = w.svc.SettleBills(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	docs := w.documents(t)
	require.Len(t, docs, 1, "issued again: the same document")
	assert.Equal(t, "INV-000001", docs[0].Number)
	n, err = w.svc.SettleBills(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "nothing left due")

	info := w.acct.Customer
	info.Company = "株式会社サンプル😀"
	require.NoError(t, w.svc.UpdateCustomer(ctx, w.acct.ID, info))
	second := w.newApp(t, "DV_SSL", "b.example.jp")
	_, err = w.svc.CompleteOrder(ctx, w.acct.ID, []jstore.ApplicationID{second.ID})
	require.NoError(t, err)
	_, err = w.svc.SettleBills(ctx)
	var glyphs *quote.GlyphError
	require.ErrorAs(t, err, &glyphs, "a character no font draws")
	assert.Len(t, w.documents(t), 1, "nothing numbered or stored")

	info.Company = "株式会社サンプル"
	require.NoError(t, w.svc.UpdateCustomer(ctx, w.acct.ID, info))
	n, err = w.svc.SettleBills(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	docs = w.documents(t)
	require.Len(t, docs, 2)
	assert.Equal(t, "INV-000002", docs[1].Number, "no number was skipped")
	assert.True(t, strings.HasPrefix(docs[1].Customer, "株式会社サンプル"))
}

// TestRevocationCreditsRenewal: staff revoking a certificate (asked before its renewal was
// ordered) whose paid renewal was not yet issued cancels the renewal, and the renewal's
// invoice gets its credit note at once.
func TestRevocationCreditsRenewal(t *testing.T) {
	ctx := t.Context()
	w := newWorld(t, memstore.New(), jstore.BillOnOrder, nil)
	cert := w.issue(t, w.ordered(t, "DV_SSL", "www.example.jp"))
	w.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	q, err := w.svc.RequestRevocation(ctx, w.acct.ID, cert.ID, jstore.ReasonSuperseded, "サーバー移転のため")
	require.NoError(t, err)
	w.renewalOrdered(t, cert)
	_, err = w.svc.Staff().Resolve(ctx, q.ID, true, "失効しました")
	require.NoError(t, err)

	docs := w.documents(t)
	require.Len(t, docs, 3)
	assert.Equal(t, []string{"INV-000001", "INV-000002", "CRN-000001"}, []string{docs[0].Number, docs[1].Number, docs[2].Number})
	assert.Equal(t, "INV-000002", docs[2].Corrects, "the renewal's invoice")
	assert.Equal(t, -docs[1].Total, docs[2].Total)
	n, err := w.svc.SettleBills(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "issued at once, nothing left for Sync")
}
