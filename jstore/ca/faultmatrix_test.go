package ca_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// TestFaultMatrix runs over a thousand operations from eight goroutines against a simulator
// that faults 20% of all requests (429, 500, 503, connections dropped after processing,
// truncated JSON). Every outcome must be either confirmed or reported unknown, and no request
// may ever make a second order.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	srv, c := testkit.Simulator(t, catest.WithAutoApprove(), catest.WithSeed(42))
	ca.SetSleep(c, func(ctx context.Context, _ time.Duration) error { return ctx.Err() })
	require.NoError(t, srv.InjectFaults(catest.AllRoutes,
		catest.Fault{Kind: catest.FaultRateLimit, Share: 0.05, RetryAfterSec: 1},
		catest.Fault{Kind: catest.FaultStatus, Share: 0.03, Status: 500},
		catest.Fault{Kind: catest.FaultStatus, Share: 0.04, Status: 503},
		catest.Fault{Kind: catest.FaultDrop, Share: 0.04},
		catest.Fault{Kind: catest.FaultMalformed, Share: 0.04},
	))
	ctx := t.Context()
	csr := csrFor(t, nil, "matrix.example.jp")

	const orders = 300
	var ops, confirmed, unknown, refused atomic.Int64
	type result struct {
		cn      string
		id      string
		outcome string // confirmed, unknown, refused
	}
	results := make([]result, orders)
	revoked := make([]string, orders) // outcome of the revoke: confirmed, unknown, refused or ""
	count := func(err error) string {
		ops.Add(1)
		switch {
		case err == nil:
			confirmed.Add(1)
			return "confirmed"
		case errors.Is(err, ca.ErrOutcomeUnknown):
			unknown.Add(1)
			return "unknown"
		default:
			var e *ca.Error
			require.ErrorAs(t, err, &e, "every failure is a *ca.Error")
			refused.Add(1)
			return "refused"
		}
	}
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				cn := fmt.Sprintf("m%03d.example.jp", i)
				id, err := c.Certificates.Create(ctx, ca.CreateRequest{CommonName: cn, Contact: contact, CSR: csr, Period: 1, ProductType: ca.ProductDVSSL})
				results[i] = result{cn: cn, id: id, outcome: count(err)}
				if err != nil {
					continue
				}
				_, err = c.Certificates.Get(ctx, id)
				count(err)
				_, err = c.Certificates.Download(ctx, id)
				count(err)
				_, err = c.Certificates.SiteSeal(ctx, id, ca.SiteSealOptions{Theme: ca.ThemeLight, Locale: "ja"})
				count(err)
				if i%2 == 0 {
					revoked[i] = count(c.Certificates.Revoke(ctx, id, ca.ReasonSuperseded))
				}
			}
		})
	}
	for i := range orders {
		work <- i
	}
	close(work)
	wg.Wait()

	srv.ClearFaults()
	t.Logf("%d operations: %d confirmed, %d unknown, %d refused after retries", ops.Load(), confirmed.Load(), unknown.Load(), refused.Load())
	require.GreaterOrEqual(t, ops.Load(), int64(1000))
	assert.Positive(t, unknown.Load(), "the faults produced unknown outcomes to reconcile")

	for i, r := range results {
		got := srv.Orders(r.cn)
		require.LessOrEqual(t, len(got), 1, "%s: a second order", r.cn)
		switch r.outcome {
		case "confirmed":
			assert.Equal(t, []string{r.id}, got, r.cn)
		case "refused":
			assert.Empty(t, got, "%s: a refused create left an order", r.cn)
		}
		if r.outcome != "confirmed" || revoked[i] == "" {
			continue
		}
		cert, err := c.Certificates.Get(ctx, r.id)
		require.NoError(t, err)
		switch revoked[i] {
		case "confirmed":
			assert.Equal(t, ca.StatusRevoked, cert.Status, r.cn)
		case "refused":
			assert.Equal(t, ca.StatusIssued, cert.Status, "%s: a refused revoke revoked", r.cn)
		}
	}
}
