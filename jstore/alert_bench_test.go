package jstore_test

import (
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// BenchmarkSyncPassAlerts is a Sync pass with notifiers configured over 1,000, 10,000 and
// 100,000 deployed certificates, one in a hundred with an open alert every notifier has
// taken: nothing is due, so the pass's time should not grow with the certificates or the
// alerts held, and no notifier is called.
//
//	go test ./jstore -run '^$' -bench SyncPassAlerts -benchtime 200x -count 3
func BenchmarkSyncPassAlerts(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("certs=%d", n), func(b *testing.B) {
			st, now := deployedStore(b, n)
			openAlerts(b, st, n/100, now)
			mail := &recordingNotifier{}
			svc, err := jstore.New(st, jstore.WithClock(func() time.Time { return now }), jstore.WithCA(idleCA{}),
				jstore.WithDeployers(noKeys{}, map[string]deploy.Deployer{"web1": &countingDeployer{}}),
				jstore.WithNotifiers(map[string]jstore.Notifier{"mail": mail}))
			require.NoError(b, err)
			for b.Loop() {
				if _, err := svc.Sync(b.Context()); err != nil {
					b.Fatal(err)
				}
			}
			if mail.calls.Load() != 0 {
				b.Fatal("a notifier was called")
			}
		})
	}
}

// BenchmarkSyncPassObservability pairs a Sync pass with nothing configured against the same
// pass with a logger that discards, a no-op MeterProvider and a no-op TracerProvider, at 10,000
// certificates with 10 deployments due in every pass (the clock moves past their back-off):
// what the instrumentation costs when nobody listens.
//
//	go test ./jstore -run '^$' -bench SyncPassObservability -benchtime 2000x -count 10 | benchstat -col /observed -
func BenchmarkSyncPassObservability(b *testing.B) {
	for _, observed := range []bool{false, true} {
		b.Run(fmt.Sprintf("observed=%v", observed), func(b *testing.B) {
			st, now := deployedStore(b, 10_000)
			behind(b, st, 10)
			var mu sync.Mutex
			clock := func() time.Time {
				mu.Lock()
				defer mu.Unlock()
				return now
			}
			opts := []jstore.Option{jstore.WithClock(clock), jstore.WithCA(idleCA{}),
				jstore.WithDeployers(noKeys{}, map[string]deploy.Deployer{"web1": &countingDeployer{}})}
			if observed {
				opts = append(opts, jstore.WithLogger(slog.New(slog.DiscardHandler)), jstore.WithMeterProvider(metricnoop.NewMeterProvider()),
					jstore.WithTracerProvider(tracenoop.NewTracerProvider()))
			}
			svc, err := jstore.New(st, opts...)
			require.NoError(b, err)
			for b.Loop() {
				mu.Lock()
				now = now.Add(2 * time.Hour)
				mu.Unlock()
				rep, err := svc.Sync(b.Context())
				if err != nil || rep.Failed != 10 {
					b.Fatalf("%v: %d failed, not the 10 due", err, rep.Failed)
				}
			}
		})
	}
}

// openAlerts stores n open alerts that every notifier has taken.
func openAlerts(b *testing.B, st *memstore.Store, n int, now time.Time) {
	ctx := b.Context()
	require.NoError(b, st.Update(ctx, func(tx jstore.Tx) error {
		for i := range n {
			a := jstore.Alert{ID: jstore.AlertID(fmt.Sprintf("alr%06d", i)), Account: "acc", Kind: jstore.AlertServedOther,
				Key: fmt.Sprintf("served_other:crt%06d:web1", i), RaisedAt: now, Deliveries: []jstore.AlertDelivery{{Notifier: "mail", Raised: now}}}
			if _, err := tx.(jstore.AlertOutbox).OpenAlert(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	}))
}

// behind makes the first n certificates' target behind, so that each pass tries to deploy
// them (noKeys fails each before a deployer is called, and the pass records it).
func behind(b *testing.B, st *memstore.Store, n int) {
	ctx := b.Context()
	require.NoError(b, st.Update(ctx, func(tx jstore.Tx) error {
		for i := range n {
			c, err := tx.GetCertificate(ctx, "acc", jstore.CertificateID(fmt.Sprintf("crt%06d", i)))
			if err != nil {
				return err
			}
			c.SerialHex = "0b"
			if err := tx.UpdateCertificate(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	}))
}
