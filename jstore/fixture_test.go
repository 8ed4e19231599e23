package jstore_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/cabf"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

var tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// fastArgon keeps tests quick; the default cost is tested once in accounts_test.go.
var fastArgon = jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}

// prices is the quote package's Quoter over a test price book: the pricer panels use.
var prices = func() *quote.Quoter {
	q, err := quote.New(quote.Config{
		Catalogue: jstore.DefaultCatalogue(),
		Book: quote.PriceBook{
			List: map[string]map[int]int64{
				"DV_SSL": {1: 10000, 2: 19000, 3: 27000}, "DV_WILDCARD_SSL": {1: 40000, 2: 78000, 3: 115000},
				"OV_SSL": {1: 30000, 2: 58000, 3: 85000}, "UCC_DV_SSL": {1: 20000, 2: 39000, 3: 57000},
				"UCC_OV_SSL": {1: 50000, 2: 98000, 3: 145000},
			},
			PerSlot: map[string]int64{"UCC_DV_SSL": 1000, "UCC_OV_SSL": 2000},
		},
		Numberer: &quote.MemoryNumberer{},
	})
	if err != nil {
		panic(err)
	}
	return q
}()

// issuer signs certificates recorded by hand, under the simulator's Starfield chain.
func issuer(t testing.TB) *catest.Chain { return testkit.PKI(t).Chain(catest.Starfield) }

type fixture struct {
	svc   *jstore.Service
	store *memstore.Store
	clock *testkit.Clock
}

func newFixture(t testing.TB, opts ...jstore.Option) *fixture {
	t.Helper()
	c := testkit.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, tokyo))
	st := memstore.New()
	all := append([]jstore.Option{jstore.WithClock(c.Now), jstore.WithArgon2Params(fastArgon), jstore.WithPricer(prices)}, opts...)
	svc, err := jstore.New(st, all...)
	require.NoError(t, err)
	return &fixture{svc: svc, store: st, clock: c}
}

var customer = jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田太郎", Email: "taro@example.jp", Phone: "03-1234-5678", PostalCode: "100-0001", Address: "東京都千代田区"}

func (f *fixture) account(t testing.TB, login string) jstore.AccountID {
	t.Helper()
	a, err := f.svc.Register(t.Context(), jstore.RegisterRequest{LoginID: login, Password: "correct horse 1", Customer: customer})
	require.NoError(t, err)
	return a.ID
}

var org = jstore.Organization{Name: "Example KK", Address: "1-1 Chiyoda, Tokyo", PostalCode: "100-0001", Phone: "03-0000-0000"}

// registered runs an application through steps 1 and 2.
func (f *fixture) registered(t testing.TB, acct jstore.AccountID, app jstore.Application, cn string, sans ...string) jstore.Application {
	t.Helper()
	app, err := f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, cn), SANs: sans, Organization: org})
	require.NoError(t, err)
	app, err = f.svc.SubmitStep2(t.Context(), acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	require.NoError(t, err)
	return app
}

// issueFor has the dev CA sign the application's CSR for the planned lifetime at now.
func (f *fixture) issueFor(t testing.TB, acct jstore.AccountID, app jstore.Application) jstore.Certificate {
	t.Helper()
	now := f.clock.Now()
	leaf, err := issuer(t).Issue(app.CSR, now, now.Add(cabf.PlannedLifetime(now)))
	require.NoError(t, err)
	c, err := f.svc.RecordIssuance(t.Context(), acct, app.ID, jstore.Issuance{CertificatePEM: leaf})
	require.NoError(t, err)
	return c
}

// issued runs a new application from selection to issued certificate.
func (f *fixture) issued(t testing.TB, acct jstore.AccountID, sel jstore.Selection, cn string, sans ...string) jstore.Certificate {
	t.Helper()
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, sel)
	require.NoError(t, err)
	return f.orderAndIssue(t, acct, f.registered(t, acct, app, cn, sans...))
}

// orderAndIssue orders a registered application alone and records its issuance.
func (f *fixture) orderAndIssue(t testing.TB, acct jstore.AccountID, app jstore.Application) jstore.Certificate {
	t.Helper()
	_, err := f.svc.CompleteOrder(t.Context(), acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	app, err = f.svc.GetApplication(t.Context(), acct, app.ID)
	require.NoError(t, err)
	return f.issueFor(t, acct, app)
}

var dv1 = jstore.Selection{ProductCode: "DV_SSL", Term: 1}

// jst returns a wall time in Tokyo.
func jst(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, tokyo)
}

// problemCodes returns the codes of a *ValidationError, or fails.
func problemCodes(t testing.TB, err error) []string {
	t.Helper()
	ve := requireValidation(t, err)
	codes := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		codes[i] = p.Code
		require.NotEmpty(t, p.Message(message.Japanese), "problem %s needs Japanese text", p.Code)
		require.NotEmpty(t, p.Message(message.English), "problem %s needs English text", p.Code)
	}
	return codes
}

func requireValidation(t testing.TB, err error) *jstore.ValidationError {
	t.Helper()
	var ve *jstore.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, jstore.ErrInvalid)
	return ve
}

func mustIssue(t testing.TB, csr string, now time.Time) string {
	t.Helper()
	leaf, err := issuer(t).Issue(csr, now, now.Add(time.Hour))
	require.NoError(t, err)
	return leaf
}
