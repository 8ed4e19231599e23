package jstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// BenchmarkCompleteOrderUnderLoad is CompleteOrder of a 10-item cart while eight background
// readers keep the CA client's budget — the CA's real 60 requests a minute — saturated: the
// customer's wait (on average, and the longest), and how many items it placed itself (the rest
// are left to Sync, which places them ahead of the polling).
//
//	go test ./jstore -run '^$' -bench CompleteOrderUnderLoad -benchtime 10x -count 3
func BenchmarkCompleteOrderUnderLoad(b *testing.B) {
	rig := newCARig(b, catest.WithAutoApprove())
	key, secret := rig.srv.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(rig.srv.URL()), ca.WithHTTPClient(rig.srv.HTTPClient()), ca.WithRateLimit(60, time.Minute))
	require.NoError(b, err)
	limited, err := adapter.New(client, rig.srv.CustomerID())
	require.NoError(b, err)
	svc := rig.service(b, jstore.WithCA(limited))
	ctx := b.Context()
	acct := rig.f.account(b, "load")

	loadCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	for range 8 {
		wg.Go(func() {
			for loadCtx.Err() == nil {
				_, _ = client.Certificates.Get(loadCtx, "no-such-order")
			}
		})
	}
	placed, i := 0, 0
	var longest time.Duration
	for b.Loop() {
		b.StopTimer()
		// Customers order at any moment between two slots: spread over the interval.
		i++
		time.Sleep(time.Duration(i*370%1020) * time.Millisecond)
		ids := make([]jstore.ApplicationID, 10)
		for i := range ids {
			ids[i] = registeredApp(b, rig.f, svc, acct, dv1, tenNames[i]).ID
		}
		b.StartTimer()
		began := time.Now()
		if _, err := svc.CompleteOrder(ctx, acct, ids); err != nil {
			b.Fatal(err)
		}
		longest = max(longest, time.Since(began))
		b.StopTimer()
		for _, id := range ids {
			if app, err := svc.GetApplication(ctx, acct, id); err == nil && app.CAOrderID != "" {
				placed++
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(placed)/float64(b.N), "placed/op")
	b.ReportMetric(float64(longest.Milliseconds()), "longest-ms")
}
