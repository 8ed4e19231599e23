package main

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/quote"
)

// config is what the flags choose.
type config struct {
	addr       string
	sqlite     string
	postgres   string
	caEnv      string // simulator, ote or production
	customerID string
	syncEvery  time.Duration
}

// Demo account, created at start-up when missing.
const (
	demoLogin    = "demo"
	demoPassword = "demo-panel 2026"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.addr, "addr", "localhost:8080", "address to listen on")
	flag.StringVar(&cfg.sqlite, "sqlite", filepath.Join(os.TempDir(), "jstore-panel.db"), "SQLite file (one process)")
	flag.StringVar(&cfg.postgres, "postgres", os.Getenv("JSTORE_PANEL_POSTGRES"), "PostgreSQL DSN; overrides -sqlite (env JSTORE_PANEL_POSTGRES)")
	flag.StringVar(&cfg.caEnv, "ca", "simulator", "the CA: simulator, ote or production (keys from GODADDY_KEY and GODADDY_SECRET)")
	flag.StringVar(&cfg.customerID, "customer-id", os.Getenv("GODADDY_CUSTOMER_ID"), "the reseller's customer ID (env GODADDY_CUSTOMER_ID)")
	flag.DurationVar(&cfg.syncEvery, "sync", 5*time.Second, "how often Sync runs")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "panel:", err)
		os.Exit(1)
	}
}

// run starts the panel and serves until ctx ends.
func run(ctx context.Context, cfg config, out io.Writer) error {
	log := slog.New(slog.NewTextHandler(out, nil))
	svc, closeAll, err := wire(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeAll()
	if err := demoAccount(ctx, svc); err != nil {
		return err
	}
	a, err := newApp(svc, time.Now, log)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/", a.routes())
	mux.Handle("POST /ca/callback", svc.CallbackHandler())
	srv := &http.Server{Addr: cfg.addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go syncLoop(ctx, svc, cfg.syncEvery, log)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(out, "panel: http://%s  login %q, password %q\n", cfg.addr, demoLogin, demoPassword)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// wire opens the store and the CA and builds the Service.
func wire(ctx context.Context, cfg config) (*jstore.Service, func(), error) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	var st *sqlstore.Store
	var err error
	if cfg.postgres != "" {
		st, err = sqlstore.OpenPostgres(ctx, cfg.postgres)
	} else {
		st, err = sqlstore.OpenSQLite(ctx, cfg.sqlite)
	}
	if err != nil {
		return nil, nil, err
	}
	closers = append(closers, func() { st.Close() })
	quoter, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Book: demoPrices, Numberer: jstore.QuoteNumberer{Store: st}})
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	opts := []jstore.Option{jstore.WithPricer(quoter)}
	switch cfg.caEnv {
	case "simulator":
		sim, err := catest.NewServer(catest.WithAutoApprove())
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		closers = append(closers, sim.Close)
		key, secret := sim.Credentials()
		client, err := ca.NewClient(key, secret, ca.WithBaseURL(sim.URL()), ca.WithHTTPClient(sim.HTTPClient()), ca.WithoutRateLimit())
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		upstream, err := adapter.New(client, sim.CustomerID())
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		roots := map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: pool(sim.PKI().Chain(catest.Starfield).Root), jstore.RootGoDaddy: pool(sim.PKI().Chain(catest.GoDaddy).Root)}
		opts = append(opts, jstore.WithCA(upstream), jstore.WithTrustedRoots(roots))
	case "ote", "production":
		base := ca.OTE
		if cfg.caEnv == "production" {
			base = ca.Production
		}
		client, err := ca.NewClient(os.Getenv("GODADDY_KEY"), os.Getenv("GODADDY_SECRET"), ca.WithBaseURL(base), ca.WithMarketID("ja-JP"))
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		upstream, err := adapter.New(client, cfg.customerID)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		opts = append(opts, jstore.WithCA(upstream))
	default:
		closeAll()
		return nil, nil, fmt.Errorf("-ca must be simulator, ote or production, not %q", cfg.caEnv)
	}
	host, _ := os.Hostname()
	svc, err := jstore.New(st, append(opts, jstore.WithInstanceName(host+"-panel"))...)
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	if err := svc.CheckCA(ctx); err != nil {
		closeAll()
		return nil, nil, errors.New(jstore.ErrorMessage(err, "en"))
	}
	return svc, closeAll, nil
}

// demoPrices are the demo's list prices in yen.
var demoPrices = quote.PriceBook{
	List: map[string]map[int]int64{
		"DV_SSL": {1: 9800, 2: 18600, 3: 26400}, "DV_WILDCARD_SSL": {1: 39800, 2: 75600, 3: 107400},
		"OV_SSL": {1: 29800, 2: 56600, 3: 80400}, "OV_WILDCARD_SSL": {1: 79800, 2: 151600, 3: 215400},
		"EV_SSL": {1: 59800, 2: 113600, 3: 161400}, "UCC_DV_SSL": {1: 19800, 2: 37600, 3: 53400},
		"UCC_OV_SSL": {1: 49800, 2: 94600, 3: 134400}, "UCC_EV_SSL": {1: 89800, 2: 170600, 3: 242400},
	},
	PerSlot: map[string]int64{"UCC_DV_SSL": 1800, "UCC_OV_SSL": 3800, "UCC_EV_SSL": 5800},
}

func pool(c *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c)
	return p
}

// demoAccount registers the demo customer unless it exists.
func demoAccount(ctx context.Context, svc *jstore.Service) error {
	_, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: demoLogin, Password: demoPassword, Customer: jstore.CustomerInfo{
		Company: "株式会社デモ", ContactName: "見本 花子", Email: "hanako@example.jp", Phone: "03-0000-0000"}})
	if errors.Is(err, jstore.ErrExists) {
		return nil
	}
	return err
}

// syncLoop runs Sync on a schedule, as every panel must, until ctx ends.
func syncLoop(ctx context.Context, svc *jstore.Service, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := svc.Sync(ctx); err != nil && ctx.Err() == nil {
				log.Warn("sync", "err", err)
			}
		}
	}
}
