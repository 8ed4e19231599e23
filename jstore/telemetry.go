package jstore

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// instrumentation is the name the SDK's meter and tracer carry.
const instrumentation = "github.com/jstore-sdk/sdk/jstore"

// WithMeterProvider records the SDK's metrics through mp (an OpenTelemetry MeterProvider,
// exported to Prometheus, OTLP or anything the panel already uses). Without it nothing is
// recorded and nothing is spent. The metrics:
//
//	jstore.ca.calls            counter    route, outcome (ok, busy, unauthorized, unavailable, refused, unknown, error)
//	jstore.ca.duration         histogram  seconds, route
//	jstore.orders.placed       counter
//	jstore.certificates.issued counter    kind (new, renewal, reissue)
//	jstore.reissues.started    counter    Sync's automatic reissues
//	jstore.deployments         counter    outcome (ok, failed)
//	jstore.verifications       counter    outcome (ok, mismatch)
//	jstore.alerts              counter    kind, phase (raised, cleared)
//	jstore.notifications       counter    notifier, outcome (ok, failed)
//	jstore.sync.pending        gauge      items the last pass found due or left
//	jstore.sync.reissues_due   gauge      reissues due at the last pass
//	jstore.deploy.not_yet      gauge      certificates not yet deployed to a target, every account's
//	jstore.deploy.served_other gauge      certificates a target serves something else for (served ≠ current)
//
// The last two are read from the store's counters (DeployCounter) when the metrics are
// collected, not in every pass.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(s *settings) error {
		if mp == nil {
			return errors.New("jstore: WithMeterProvider: nil provider")
		}
		s.ful.meters = mp
		return nil
	}
}

// WithTracerProvider traces each Sync pass (span jstore.sync) and each CA call in it (span
// jstore.ca, attribute route) through tp. Without it no span is made.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(s *settings) error {
		if tp == nil {
			return errors.New("jstore: WithTracerProvider: nil provider")
		}
		s.ful.tracer = tp.Tracer(instrumentation)
		return nil
	}
}

// Outcomes of a CA call, by the sentinel its error matches.
var caOutcomes = []struct {
	name string
	err  error
}{{"busy", ErrCABusy}, {"unauthorized", ErrCAUnauthorized}, {"unavailable", ErrCAUnavailable}, {"refused", ErrCARefused}, {"unknown", ErrCAOutcomeUnknown}}

// caRoutes are the CA calls, as the route attribute names them.
var caRoutes = []string{"place_order", "order_status", "download", "reissue", "renew", "revoke", "site_seal", "domain_verifications",
	"verify_domain_control", "approver_emails", "resend_email", "add_approver_address", "cancel", "find_orders", "ping"}

// counterID names one of the counters that count the workflow's steps.
type counterID int

const (
	cPlaced counterID = iota
	cIssued
	cReissues
	cDeployments
	cVerifications
	cAlerts
	cNotifications
	nCounters
)

// telemetry holds the instruments and their attribute sets, made once so that recording
// allocates nothing. A nil *telemetry records nothing.
type telemetry struct {
	caCalls     metric.Int64Counter
	caDuration  metric.Float64Histogram
	counters    [nCounters]metric.Int64Counter
	pending     metric.Int64Gauge
	reissuesDue metric.Int64Gauge

	callSets  map[string]map[string]metric.MeasurementOption // route → outcome
	routeSets map[string]metric.MeasurementOption
	sets      map[string]metric.MeasurementOption // "key=value" → its set
}

func newTelemetry(mp metric.MeterProvider, notifiers []string, store Store) (*telemetry, error) {
	m := mp.Meter(instrumentation)
	t := &telemetry{callSets: map[string]map[string]metric.MeasurementOption{}, routeSets: map[string]metric.MeasurementOption{}, sets: map[string]metric.MeasurementOption{}}
	var errs []error
	counter := func(name, desc string) metric.Int64Counter {
		c, err := m.Int64Counter(name, metric.WithDescription(desc))
		errs = append(errs, err)
		return c
	}
	gauge := func(name, desc string) metric.Int64Gauge {
		g, err := m.Int64Gauge(name, metric.WithDescription(desc))
		errs = append(errs, err)
		return g
	}
	t.caCalls = counter("jstore.ca.calls", "Calls to the CA's API, by route and outcome.")
	var err error
	t.caDuration, err = m.Float64Histogram("jstore.ca.duration", metric.WithUnit("s"), metric.WithDescription("How long each CA call took."),
		metric.WithExplicitBucketBoundaries(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)) // the CA answers in tenths of a second; WithCATimeout is 30 s

	errs = append(errs, err)
	t.counters = [nCounters]metric.Int64Counter{
		cPlaced:        counter("jstore.orders.placed", "Orders placed with the CA, or adopted from an earlier attempt."),
		cIssued:        counter("jstore.certificates.issued", "Certificates verified and recorded, by kind."),
		cReissues:      counter("jstore.reissues.started", "Automatic reissues Sync started."),
		cDeployments:   counter("jstore.deployments", "Deployments to targets, by outcome."),
		cVerifications: counter("jstore.verifications", "Checks of what a target serves, by outcome."),
		cAlerts:        counter("jstore.alerts", "Alerts raised and cleared, by kind and phase."),
		cNotifications: counter("jstore.notifications", "Alerts handed to notifiers, by notifier and outcome."),
	}
	t.pending = gauge("jstore.sync.pending", "Items the last Sync pass found due or had to leave.")
	t.reissuesDue = gauge("jstore.sync.reissues_due", "Reissues due at the last Sync pass.")
	notYet, err := m.Int64ObservableGauge("jstore.deploy.not_yet", metric.WithDescription("Certificates not yet deployed to one of their targets."))
	errs = append(errs, err)
	servedOther, err := m.Int64ObservableGauge("jstore.deploy.served_other", metric.WithDescription("Certificates a target serves something else for."))
	errs = append(errs, err)
	if err == nil {
		_, err = m.RegisterCallback(func(ctx context.Context, o metric.Observer) error {
			return store.View(ctx, func(tx Tx) error {
				dc, ok := tx.(DeployCounter)
				if !ok {
					return nil
				}
				behind, other, err := dc.CountDeployments(ctx, "")
				o.ObserveInt64(notYet, int64(behind))
				o.ObserveInt64(servedOther, int64(other))
				return err
			})
		}, notYet, servedOther)
		errs = append(errs, err)
	}
	for _, route := range caRoutes {
		t.routeSets[route] = metric.WithAttributeSet(attribute.NewSet(attribute.String("route", route)))
		t.callSets[route] = map[string]metric.MeasurementOption{}
		for _, outcome := range []string{"ok", "error", "busy", "unauthorized", "unavailable", "refused", "unknown"} {
			t.callSets[route][outcome] = metric.WithAttributeSet(attribute.NewSet(attribute.String("route", route), attribute.String("outcome", outcome)))
		}
	}
	pairs := [][2]string{{"kind", string(AppNew)}, {"kind", string(AppRenewal)}, {"kind", string(AppReissue)}, {"outcome", "ok"}, {"outcome", "failed"}, {"outcome", "mismatch"}}
	for _, p := range pairs {
		t.sets[p[0]+"="+p[1]] = metric.WithAttributeSet(attribute.NewSet(attribute.String(p[0], p[1])))
	}
	for _, kind := range []AlertKind{AlertIssuanceFailed, AlertIssuanceFlagged, AlertReissueFailed, AlertValidationFailed, AlertDCVWaiting, AlertDeployFailed, AlertServedOther, AlertExpiring, AlertCACredentials} {
		for _, phase := range []string{"raised", "cleared"} {
			t.sets["alert="+string(kind)+"/"+phase] = metric.WithAttributeSet(attribute.NewSet(attribute.String("kind", string(kind)), attribute.String("phase", phase)))
		}
	}
	for _, n := range notifiers {
		for _, outcome := range []string{"ok", "failed"} {
			t.sets["notifier="+n+"/"+outcome] = metric.WithAttributeSet(attribute.NewSet(attribute.String("notifier", n), attribute.String("outcome", outcome)))
		}
	}
	return t, errors.Join(errs...)
}

// caCall records one CA call.
func (t *telemetry) caCall(ctx context.Context, route string, took time.Duration, err error) {
	if t == nil {
		return
	}
	outcome := "ok"
	if err != nil {
		outcome = "error"
		for _, o := range caOutcomes {
			if errors.Is(err, o.err) {
				outcome = o.name
				break
			}
		}
	}
	t.caCalls.Add(ctx, 1, t.callSets[route][outcome])
	t.caDuration.Record(ctx, took.Seconds(), t.routeSets[route])
}

// count adds one to counter id under the attribute set named key ("" for none).
func (t *telemetry) count(ctx context.Context, id counterID, key string) {
	if t == nil {
		return
	}
	set, ok := t.sets[key]
	if !ok { // "", or a notifier named after the Service was made
		t.counters[id].Add(ctx, 1)
		return
	}
	t.counters[id].Add(ctx, 1, set)
}

// pass records a Sync pass's gauges and its automatic reissues.
func (t *telemetry) pass(ctx context.Context, rep SyncReport) {
	if t == nil {
		return
	}
	t.pending.Record(ctx, int64(rep.Due+rep.Left))
	t.reissuesDue.Record(ctx, int64(rep.ReissuesDue))
	t.counters[cReissues].Add(ctx, int64(rep.Reissued))
}
