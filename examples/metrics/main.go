// Command metrics shows the SDK's metrics exported to Prometheus: a Service on the in-memory
// store and the in-process CA simulator, wired to an OpenTelemetry MeterProvider whose reader
// is the Prometheus exporter, serves /metrics; it checks the CA and runs a Sync pass, then
// prints what a scrape returns:
//
//	go run ./examples/metrics            # print one scrape and stop
//	go run ./examples/metrics -listen 127.0.0.1:9464   # keep serving /metrics, a Sync pass a minute
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

func main() {
	listen := flag.String("listen", "", "serve /metrics on this address until interrupted, instead of printing one scrape")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *listen, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "metrics:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, listen string, out io.Writer) error {
	sim, err := catest.NewServer()
	if err != nil {
		return err
	}
	defer sim.Close()
	key, secret := sim.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(sim.URL()), ca.WithHTTPClient(sim.HTTPClient()))
	if err != nil {
		return err
	}
	upstream, err := adapter.New(client, sim.CustomerID())
	if err != nil {
		return err
	}

	// The wiring: a registry of the panel's own, the exporter registering into it, and the
	// MeterProvider the Service records through.
	registry := prometheus.NewRegistry()
	exporter, err := otelprom.New(otelprom.WithRegisterer(registry))
	if err != nil {
		return err
	}
	meters := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exporter))
	defer func() { _ = meters.Shutdown(context.Background()) }()
	svc, err := jstore.New(memstore.New(), jstore.WithCA(upstream), jstore.WithMeterProvider(meters))
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	serving := listen != ""
	if !serving {
		listen = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(l) }()
	defer func() { _ = srv.Close() }()

	if err := svc.CheckCA(ctx); err != nil {
		return err
	}
	if _, err := svc.Sync(ctx); err != nil {
		return err
	}
	if serving {
		fmt.Fprintf(out, "serving http://%s/metrics; a Sync pass a minute\n", l.Addr())
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(time.Minute):
				if _, err := svc.Sync(ctx); err != nil {
					return err
				}
			}
		}
	}
	resp, err := http.Get("http://" + l.Addr().String() + "/metrics")
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	for line := range strings.Lines(string(body)) {
		if strings.HasPrefix(line, "jstore_") || strings.HasPrefix(line, "# HELP jstore_") {
			fmt.Fprint(out, line)
		}
	}
	return nil
}
