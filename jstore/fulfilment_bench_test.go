package jstore_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// BenchmarkFulfilment takes one application from CompleteOrder to a recorded, verified
// certificate (sdk), beside the same CA calls made straight through the adapter (simulator:
// place, status, download), in one run: the difference is the SDK's own cost — transactions,
// the placement record, verification of the chain and lifetime, the record itself. Preparing
// the application (steps 1 and 2) is outside the timer.
func BenchmarkFulfilment(b *testing.B) {
	b.Run("sdk", func(b *testing.B) {
		rig := newCARig(b, catest.WithAutoApprove())
		svc := rig.service(b)
		ctx := b.Context()
		acct := rig.f.account(b, "bench")
		csr := testkit.CSR(b, nil, "www.example.jp")
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			app := registeredWith(b, svc, acct, dv1, jstore.Step1{CSR: csr, Organization: org}, jstore.DCVDNS)
			b.StartTimer()
			if _, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID}); err != nil {
				b.Fatal(err)
			}
			if rep, err := svc.Sync(ctx); err != nil || rep.Issued != 1 {
				b.Fatal(rep, err)
			}
		}
	})
	b.Run("simulator", func(b *testing.B) {
		rig := newCARig(b, catest.WithAutoApprove())
		ctx := b.Context()
		order := jstore.CAOrder{UpstreamType: "DV_SSL", Term: 1, CSR: testkit.CSR(b, nil, "www.example.jp"), CommonName: "www.example.jp",
			Root: jstore.RootStarfield, Contact: jstore.CAContact{FirstName: "Taro", LastName: "Yamada", Email: "taro@example.jp", Phone: "03-1234-5678"}}
		b.ReportAllocs()
		for b.Loop() {
			id, err := rig.adapter.PlaceOrder(ctx, order)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := rig.adapter.OrderStatus(ctx, id); err != nil {
				b.Fatal(err)
			}
			if _, err := rig.adapter.Download(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSyncPass is one Sync pass over 10,000 placed orders awaiting validation, all due;
// it reports the CA calls per pass, which must equal the items due.
func BenchmarkSyncPass(b *testing.B) {
	const pending = 10000
	rig := newCARig(b)
	counter := &countingCA{CA: rig.adapter}
	svc := rig.service(b, jstore.WithCA(counter), jstore.WithSyncBackoff(time.Minute, time.Minute))
	ctx := b.Context()
	acct := rig.f.account(b, "sync")
	csr := testkit.CSR(b, nil, "www.example.jp")
	ids := make([]jstore.ApplicationID, 0, pending)
	for range pending {
		ids = append(ids, registeredWith(b, svc, acct, dv1, jstore.Step1{CSR: csr, Organization: org}, jstore.DCVDNS).ID)
	}
	for start := 0; start < pending; start += 100 {
		_, err := svc.CompleteOrder(ctx, acct, ids[start:start+100])
		require.NoError(b, err)
	}
	var calls, due int64
	for b.Loop() {
		b.StopTimer()
		rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Minute)) // every order is due again
		before := counter.calls.Load()
		b.StartTimer()
		rep, err := svc.Sync(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		calls += counter.calls.Load() - before
		due += int64(rep.Due)
		if rep.Due != pending || rep.Asked != pending {
			b.Fatalf("%+v", rep)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(calls)/float64(b.N), "ca-calls/op")
	b.ReportMetric(float64(due)/float64(b.N), "due/op")
}
