package sqlstore_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// twoPanels is two panel processes on one PostgreSQL database — each with its own store handle,
// CA client and Service — spending one rate budget (kept in the database) against a simulator
// that throttles at that rate.
type twoPanels struct {
	srv      *catest.Server
	services [2]*jstore.Service
	clients  [2]*ca.Client
	seller   *jstore.Service // takes orders; places nothing (no CA)
	account  jstore.AccountID
}

func newTwoPanels(tb testing.TB, n int, per time.Duration) *twoPanels {
	tb.Helper()
	ctx := tb.Context()
	first := openPostgres(tb, postgresDSN(tb))
	second, err := sqlstore.OpenPostgres(ctx, schemaDSN(tb, first))
	require.NoError(tb, err)
	tb.Cleanup(func() { second.Close() })

	srv, err := catest.NewServer(catest.WithAutoApprove(), catest.WithRateLimit(n, per))
	require.NoError(tb, err)
	tb.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	roots := map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: srv.RootPool(catest.Starfield), jstore.RootGoDaddy: srv.RootPool(catest.GoDaddy)}
	argon := jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1})
	p := &twoPanels{srv: srv}
	for i, st := range []*sqlstore.Store{first, second} {
		budget, err := ca.NewBudget(st, "godaddy:"+key, n, per)
		require.NoError(tb, err)
		c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithBudget(budget))
		require.NoError(tb, err)
		a, err := adapter.New(c, srv.CustomerID())
		require.NoError(tb, err)
		p.clients[i] = c
		p.services[i], err = jstore.New(st, jstore.WithPricer(flatPricer{}), argon, jstore.WithCA(a), jstore.WithTrustedRoots(roots))
		require.NoError(tb, err)
	}
	p.seller, err = jstore.New(first, jstore.WithPricer(flatPricer{}), argon)
	require.NoError(tb, err)
	acct, err := p.seller.Register(ctx, jstore.RegisterRequest{LoginID: "panel", Password: "correct horse 1",
		Customer: jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田 太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
	require.NoError(tb, err)
	p.account = acct.ID
	return p
}

// order records orders of count new applications, 100 to an order, none of them placed.
func (p *twoPanels) order(tb testing.TB, count int) {
	tb.Helper()
	ctx := tb.Context()
	var ids []jstore.ApplicationID
	for i := range count {
		app, err := p.seller.StartNew(ctx, p.account, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
		require.NoError(tb, err)
		_, err = p.seller.SubmitStep1(ctx, p.account, app.ID, jstore.Step1{CSR: testkit.CSR(tb, nil, fmt.Sprintf("w%04d.example.jp", i))})
		require.NoError(tb, err)
		_, err = p.seller.SubmitStep2(ctx, p.account, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
		require.NoError(tb, err)
		if ids = append(ids, app.ID); len(ids) == 100 || i == count-1 {
			_, err := p.seller.CompleteOrder(ctx, p.account, ids)
			require.NoError(tb, err)
			ids = nil
		}
	}
}

// drain runs Sync in both processes, each pass after the other ends, until count certificates
// are recorded, and returns how long it took.
func (p *twoPanels) drain(tb testing.TB, count int) time.Duration {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), 5*time.Minute)
	defer cancel()
	var issued atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for _, svc := range p.services {
		wg.Go(func() {
			for issued.Load() < int64(count) && ctx.Err() == nil {
				rep, err := svc.Sync(ctx)
				assert.NoError(tb, err)
				issued.Add(int64(rep.Issued))
				if rep.Due == 0 {
					time.Sleep(time.Millisecond) // nothing due: the other process holds it
				}
			}
		})
	}
	wg.Wait()
	require.Equal(tb, int64(count), issued.Load(), "every certificate recorded once")
	return time.Since(start)
}

// TestTwoPanelsShareOneBudget: two processes on one database drain 20 new orders against a CA
// that throttles at 40 requests per 5 s (60 calls to make; a long window, so that the 2%
// headroom absorbs 100 ms of scheduling delay under -race on a busy machine), spending one
// budget: no request is throttled and none is made twice — each order is placed, read and
// downloaded once.
func TestTwoPanelsShareOneBudget(t *testing.T) {
	t.Parallel()
	const orders = 20
	p := newTwoPanels(t, 40, 5*time.Second)
	p.order(t, orders)
	p.drain(t, orders)
	assert.Zero(t, p.srv.Throttled(), "no 429")
	assert.Equal(t, map[string]int{"certificate_create": orders, "certificate_get": orders, "certificate_download": orders}, p.srv.AllHits(),
		"each call once")
	for i, c := range p.clients {
		st := c.Budget().Stats()
		assert.Positive(t, st.Background, "process %d spent the budget too", i+1)
	}
}

// BenchmarkDrainTwoPanels drains 1,000 new orders with two processes on one PostgreSQL
// database against the simulator throttling at 100 requests per 2 s (the CA's 60 a minute,
// faster; at 100 a second this two-core machine's CPU, shared by the simulator's signing,
// PostgreSQL and both processes, became the limit, and a 1 s window leaves 20 ms for transit
// jitter): calls per certificate, 429 answers, and the time against the floor (calls ÷ rate).
//
//	go test ./jstore/sqlstore -run '^$' -bench DrainTwoPanels -benchtime 1x -count 3
func BenchmarkDrainTwoPanels(b *testing.B) {
	const orders, rate = 1000, 50
	for b.Loop() {
		b.StopTimer()
		p := newTwoPanels(b, 2*rate, 2*time.Second)
		p.order(b, orders)
		b.StartTimer()
		took := p.drain(b, orders)
		calls := 0
		for _, n := range p.srv.AllHits() {
			calls += n
		}
		floor := time.Duration(calls) * time.Second / rate
		b.ReportMetric(float64(calls)/orders, "calls/cert")
		b.ReportMetric(float64(p.srv.Throttled()), "429s")
		b.ReportMetric(took.Seconds()/floor.Seconds(), "x-floor")
	}
}
