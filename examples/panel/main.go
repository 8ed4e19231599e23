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
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/message"
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
	smtp       string // host:port; empty: no e-mail delivery
	smtpUser   string
	mailFrom   string
	staff      string // the staff page's password
	publicURL  string // where the CA reaches the panel, for its callbacks
	manualDCV  bool   // the simulator waits for staff to approve each domain
	now        func() time.Time
	serviceOpt []jstore.Option // more Service options: the tests' cheaper password hashing
}

// deps are what the panel runs on.
type deps struct {
	store    *sqlstore.Store
	svc      *jstore.Service
	quoter   *quote.Quoter
	renderer *quote.Renderer // nil without a Japanese font
	biller   *billing.Biller // nil without a Japanese font: no documents can be drawn
	sim      *catest.Server  // the CA simulator, nil with a real CA
	mail     bool
	close    func()
}

// Demo account, created at start-up when missing.
const (
	demoLogin         = "demo"
	demoPassword      = "demo-panel 2026"
	demoStaffPassword = "staff-panel 2026"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.addr, "addr", "localhost:8080", "address to listen on")
	flag.StringVar(&cfg.sqlite, "sqlite", filepath.Join(os.TempDir(), "jstore-panel.db"), "SQLite file (one process)")
	flag.StringVar(&cfg.postgres, "postgres", os.Getenv("JSTORE_PANEL_POSTGRES"), "PostgreSQL DSN; overrides -sqlite (env JSTORE_PANEL_POSTGRES)")
	flag.StringVar(&cfg.caEnv, "ca", "simulator", "the CA: simulator, ote or production (keys from GODADDY_KEY and GODADDY_SECRET)")
	flag.StringVar(&cfg.customerID, "customer-id", os.Getenv("GODADDY_CUSTOMER_ID"), "the reseller's customer ID (env GODADDY_CUSTOMER_ID)")
	flag.DurationVar(&cfg.syncEvery, "sync", 5*time.Second, "how often Sync runs")
	flag.StringVar(&cfg.smtp, "smtp", os.Getenv("PANEL_SMTP"), "SMTP server host:port for e-mail delivery (env PANEL_SMTP; password from SMTP_PASSWORD)")
	flag.StringVar(&cfg.smtpUser, "smtp-user", os.Getenv("PANEL_SMTP_USER"), "SMTP login (env PANEL_SMTP_USER)")
	flag.StringVar(&cfg.mailFrom, "mail-from", "support@example.jp", "the From address of certificate mails")
	flag.StringVar(&cfg.staff, "staff-password", demoStaffPassword, "the staff page's password")
	flag.BoolVar(&cfg.manualDCV, "manual-dcv", false, "with the simulator: approve each domain on the staff page instead of at once")
	flag.StringVar(&cfg.publicURL, "public-url", "", "the panel's public https URL, so the CA's callbacks reach /ca/callback")
	flag.Parse()
	cfg.now = time.Now
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
	d, err := wire(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.close()
	svc := d.svc
	if err := demoAccount(ctx, svc); err != nil {
		return err
	}
	a, err := newApp(ctx, d, cfg, log)
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
	fmt.Fprintf(out, "panel: http://%s  login %q, password %q; staff page /staff, password %q\n", cfg.addr, demoLogin, demoPassword, cfg.staff)
	if d.renderer == nil {
		fmt.Fprintln(out, "panel: no Japanese font, so no quote PDFs and no invoices (Debian: apt-get install fonts-ipaexfont-gothic)")
	}
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// demoSeller is the demo seller's qualified-invoice registration number, which names the
// series its invoices, credit notes and receipts are numbered in.
const demoSeller = "T9234567890123"

// wire opens the store and the CA and builds the Service: with a Japanese font, it draws
// quotes and bills each order (an invoice dated the order's day, a credit note for a refund).
func wire(ctx context.Context, cfg config) (deps, error) {
	var d deps
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	d.close = closeAll
	fail := func(err error) (deps, error) {
		closeAll()
		return deps{}, err
	}
	var st *sqlstore.Store
	var err error
	if cfg.postgres != "" {
		st, err = sqlstore.OpenPostgres(ctx, cfg.postgres)
	} else {
		st, err = sqlstore.OpenSQLite(ctx, cfg.sqlite)
	}
	if err != nil {
		return deps{}, err
	}
	closers = append(closers, func() { st.Close() })
	d.store = st
	quoter, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Book: demoPrices, Numberer: jstore.QuoteNumberer{Store: st}, Now: cfg.now})
	if err != nil {
		return fail(err)
	}
	d.quoter = quoter
	opts := []jstore.Option{jstore.WithPricer(quoter), jstore.WithClock(cfg.now)}
	if font, err := quote.FindFont(); err == nil {
		d.renderer, err = quote.NewRenderer(font, quote.Seller{Name: "株式会社デモSSL", Address: "東京都千代田区丸の内1-1-1", Phone: "03-0000-0000", RegistrationNumber: demoSeller})
		if err != nil {
			return fail(err)
		}
		d.biller, err = billing.NewBiller(billing.Config{Store: st, Seller: demoSeller, Clock: cfg.now,
			Drawers:      map[message.Lang]billing.Drawer{message.Japanese: d.renderer.Drawer(message.Japanese), message.English: d.renderer.Drawer(message.English)},
			PaymentTerms: message.Text{JA: "お支払期限：発行日の翌月末日", EN: "Payment due by the end of the month after issue"}})
		if err != nil {
			return fail(err)
		}
		opts = append(opts, jstore.WithBiller(d.biller, jstore.BillOnOrder))
	}
	switch cfg.caEnv {
	case "simulator":
		simOpts := []catest.Option{catest.WithClock(cfg.now)}
		if !cfg.manualDCV {
			simOpts = append(simOpts, catest.WithAutoApprove())
		}
		sim, err := catest.NewServer(simOpts...)
		if err != nil {
			return fail(err)
		}
		closers = append(closers, sim.Close)
		d.sim = sim
		key, secret := sim.Credentials()
		client, err := ca.NewClient(key, secret, ca.WithBaseURL(sim.URL()), ca.WithHTTPClient(sim.HTTPClient()), ca.WithoutRateLimit())
		if err != nil {
			return fail(err)
		}
		upstream, err := adapter.New(client, sim.CustomerID())
		if err != nil {
			return fail(err)
		}
		roots := map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: sim.RootPool(catest.Starfield), jstore.RootGoDaddy: sim.RootPool(catest.GoDaddy)}
		opts = append(opts, jstore.WithCA(upstream), jstore.WithTrustedRoots(roots))
	case "ote", "production":
		base := ca.OTE
		if cfg.caEnv == "production" {
			base = ca.Production
		}
		// Every process on this database spends one rate budget: the CA's 60 requests a minute.
		budget, err := ca.NewBudget(st, "godaddy:"+os.Getenv("GODADDY_KEY"), 60, time.Minute)
		if err != nil {
			return fail(err)
		}
		client, err := ca.NewClient(os.Getenv("GODADDY_KEY"), os.Getenv("GODADDY_SECRET"), ca.WithBaseURL(base), ca.WithMarketID("ja-JP"), ca.WithBudget(budget))
		if err != nil {
			return fail(err)
		}
		upstream, err := adapter.New(client, cfg.customerID)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, jstore.WithCA(upstream))
	default:
		return fail(fmt.Errorf("-ca must be simulator, ote or production, not %q", cfg.caEnv))
	}
	if cfg.publicURL != "" {
		opts = append(opts, jstore.WithCallbackURL(strings.TrimSuffix(cfg.publicURL, "/")+"/ca/callback"))
	}
	if cfg.smtp != "" {
		m, err := smtpmail.New(cfg.smtp, smtpmail.WithAuth(cfg.smtpUser, os.Getenv("SMTP_PASSWORD")))
		if err != nil {
			return fail(err)
		}
		opts = append(opts, jstore.WithMailer(m, cfg.mailFrom))
		d.mail = true
	}
	host, _ := os.Hostname()
	opts = append(opts, cfg.serviceOpt...)
	svc, err := jstore.New(st, append(opts, jstore.WithInstanceName(host+"-panel"))...)
	if err != nil {
		return fail(err)
	}
	if err := svc.CheckCA(ctx); err != nil {
		return fail(errors.New(jstore.ErrorMessage(err, "en")))
	}
	d.svc = svc
	return d, nil
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
