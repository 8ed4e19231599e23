package jstore_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// sums collects the counters and gauges a reader holds: metric name and attributes → value.
func sums(t *testing.T, r *sdkmetric.ManualReader) map[string]int64 {
	var rm metricdata.ResourceMetrics
	require.NoError(t, r.Collect(context.Background(), &rm))
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[m.Name+label(p.Attributes)] += p.Value
				}
			case metricdata.Gauge[int64]:
				for _, p := range d.DataPoints {
					out[m.Name+label(p.Attributes)] = p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[m.Name+label(p.Attributes)] += int64(p.Count)
				}
			}
		}
	}
	return out
}

func label(s attribute.Set) string {
	out := ""
	for _, kv := range s.ToSlice() {
		out += " " + string(kv.Key) + "=" + kv.Value.String()
	}
	return out
}

// TestTelemetry: an order, its issuance, a failed and a successful deployment, an alert and
// its notices are counted under the documented names, and the deployments logged; each CA call is measured by route and
// outcome and traced inside its Sync pass.
func TestTelemetry(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	keys := heldKeys(t, rig)
	reader := sdkmetric.NewManualReader()
	spans := tracetest.NewSpanRecorder()
	d := &countingDeployer{}
	mail := &recordingNotifier{}
	var logs lockedBuffer
	svc := rig.service(t, jstore.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))), jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": d}),
		jstore.WithSyncBackoff(time.Minute, time.Hour), jstore.WithNotifiers(map[string]jstore.Notifier{"mail": mail}),
		jstore.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))),
		jstore.WithTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))))
	ctx := t.Context()
	acct := rig.f.account(t, "metrics")
	cert := heldOrder(t, rig, svc, keys, acct, "www.example.jp")
	_, err := svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	d.fail.Store(true)
	_, err = svc.Sync(ctx)
	require.NoError(t, err)

	behind := sums(t, reader)
	assert.Equal(t, int64(1), behind["jstore.deploy.not_yet"], "read from the store at collection: the failed deployment")
	d.fail.Store(false)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Hour))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)

	got := sums(t, reader)
	for name, want := range map[string]int64{
		"jstore.orders.placed":                           1,
		"jstore.certificates.issued kind=new":            1,
		"jstore.deployments outcome=failed":              1,
		"jstore.deployments outcome=ok":                  1,
		"jstore.alerts kind=deploy_failed phase=raised":  1,
		"jstore.alerts kind=deploy_failed phase=cleared": 1,
		"jstore.notifications notifier=mail outcome=ok":  2,
		"jstore.ca.calls outcome=ok route=place_order":   1,
		"jstore.ca.duration route=place_order":           1,
		"jstore.sync.reissues_due":                       0,
		"jstore.deploy.not_yet":                          0,
		"jstore.deploy.served_other":                     0,
	} {
		v, ok := got[name]
		assert.True(t, ok, "%s recorded, in %v", name, got)
		assert.Equal(t, want, v, "%s in %v", name, got)
	}
	assert.Positive(t, got["jstore.ca.calls outcome=ok route=order_status"], "%v", got)
	for _, want := range []string{`"level":"WARN","msg":"deployment failed"`, `"target":"web1"`, `"code":"reload"`, `"rolled_back":true`,
		`"level":"INFO","msg":"certificate deployed"`, `"serial":"` + cert.SerialHex + `"`} {
		assert.Contains(t, logs.String(), want, "the deployer's outcomes are logged")
	}

	var syncs, calls int
	parents := map[string]bool{}
	for _, s := range spans.Ended() {
		switch s.Name() {
		case "jstore.sync":
			syncs++
			parents[s.SpanContext().SpanID().String()] = true
		}
	}
	for _, s := range spans.Ended() {
		if s.Name() == "jstore.ca" && parents[s.Parent().SpanID().String()] {
			calls++
		}
	}
	assert.Positive(t, syncs)
	assert.Positive(t, calls, "CA calls traced inside their Sync pass")
}
