// Command quickstart runs the portal's whole flow on the embedded defaults (the in-memory store
// and the in-process simulator of the upstream CA, reached through the real API client) and
// writes what the flow produces into -out:
//
//	go run ./examples/quickstart -out /tmp/jstore-demo
//
// It needs no network and no account anywhere. The tour runs on a simulated clock that starts
// on 2026-11-25 and jumps ahead to reach the reissue and the renewal, so the certificates it
// writes are dated by that clock, not by this machine's: verify them at the tour's time (the
// last line prints the openssl command). When this machine has nginx (Debian package nginx),
// the tour starts one on a loopback port of its own, lets Sync install each certificate of the
// unattended subscription on it and checks over TLS what it serves; without nginx it says so
// and goes on. With a Japanese font (Debian package fonts-ipaexfont-gothic) it also writes the
// quote, the first order's invoice and the cancelled order's credit note as PDFs.
package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
	"github.com/jstore-sdk/sdk/seal"
)

func main() {
	out := flag.String("out", "", "folder to write the flow's output into (created if missing; empty: a temporary folder)")
	flag.Parse()
	if err := run(context.Background(), *out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// demoClock is the quickstart's clock: it starts on a fixed day so the output is the same on
// every run, and the tour moves it forward to reach the renewal window. Work the Service starts
// in the background reads it too.
type demoClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *demoClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *demoClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func run(ctx context.Context, out string, w io.Writer) error {
	if out == "" {
		dir, err := os.MkdirTemp("", "jstore-quickstart-")
		if err != nil {
			return err
		}
		out = dir
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		return err
	}
	clock := &demoClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, tokyo)}
	store := memstore.New()
	// One Quoter prices both the quotes and the orders, at the customer's contract price.
	quoter, err := quote.New(quote.Config{
		Catalogue: jstore.DefaultCatalogue(),
		Book:      quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 9800, 2: 18600, 3: 26400}}},
		Numberer:  jstore.QuoteNumberer{Store: store}, // quote numbers come from the store, unique per day
		Contract: func(_ context.Context, ref string) (*quote.Contract, error) {
			if ref != "demo-contract" {
				return nil, fmt.Errorf("unknown contract %q", ref)
			}
			return &quote.Contract{RatePercent: 90}, nil
		},
		Now: clock.now,
	})
	if err != nil {
		return err
	}
	// The simulator follows the demo clock and checks domain control the real way, looking up
	// TXT records through a DNS server on loopback that stands in for the customer's zone; the
	// client talks to it over HTTP exactly as it would to GoDaddy.
	zone, err := catest.NewDNSServer()
	if err != nil {
		return err
	}
	defer zone.Close()
	sim, err := catest.NewServer(catest.WithClock(clock.now), catest.WithDNS(zone.Resolver()))
	if err != nil {
		return err
	}
	defer sim.Close()
	key, secret := sim.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(sim.URL()), ca.WithHTTPClient(sim.HTTPClient()), ca.WithoutRateLimit())
	if err != nil {
		return err
	}
	upstream, err := adapter.New(client, sim.CustomerID())
	if err != nil {
		return err
	}
	// The Service orders from the CA itself and follows every order to a verified certificate.
	// The simulator's roots stand in for the real Starfield and GoDaddy roots (the default is
	// the system's roots), and the DCV preflight asks the same loopback DNS server the CA does.
	roots := map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: sim.RootPool(catest.Starfield), jstore.RootGoDaddy: sim.RootPool(catest.GoDaddy)}
	opts := []jstore.Option{jstore.WithClock(clock.now), jstore.WithPricer(quoter),
		jstore.WithCA(upstream), jstore.WithTrustedRoots(roots), jstore.WithDCVResolver(zone.Resolver())}
	// The renderer draws the quotes and the billing documents; it checks, before a quote or an
	// invoice takes a number, that its font draws every character: a document refused then
	// leaves no gap in its series.
	renderer, fontErr := quoteRenderer()
	if fontErr == nil {
		// Each order is invoiced when it is completed, and a refund credited, in the store's
		// archive (billing.Store), numbered per seller without a gap.
		biller, err := billing.NewBiller(billing.Config{Store: store, Seller: seller, Clock: clock.now,
			Drawers:      map[message.Lang]billing.Drawer{message.Japanese: renderer.Drawer(message.Japanese)},
			PaymentTerms: message.Text{JA: "お支払期限：発行日の翌月末日（振込先：デモ銀行 本店 普通 1234567）", EN: "Payment due by the end of the month after issue"}})
		if err != nil {
			return err
		}
		opts = append(opts, jstore.WithBiller(biller, jstore.BillOnOrder))
	}
	svc, err := jstore.New(store, opts...)
	if err != nil {
		return err
	}
	if err := svc.CheckCA(ctx); err != nil {
		return fmt.Errorf("the CA does not accept the keys: %w", err)
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	say("The tour runs on a simulated clock from %s (JST); the CA is the in-process simulator.", clock.now().Format("2006-01-02 15:04"))

	acct, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: "demo", Password: "quickstart 2026", Customer: jstore.CustomerInfo{
		Company: "株式会社デモ", ContactName: "見本 花子", Email: "hanako@example.jp", Phone: "03-0000-0000",
	}})
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	if err := svc.Staff().SetContract(ctx, acct.ID, "demo-contract"); err != nil {
		return err
	}
	say("1. registered account %q with a contract at 90%% of list", acct.LoginID)

	var checks []quote.Option
	if fontErr == nil {
		checks = append(checks, quote.DrawableBy(renderer, quote.Japanese))
	}
	qt, err := quoter.Quote(ctx, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}},
		Domain: "www.example.jp", Recipient: acct.Customer.Company, ContractRef: "demo-contract"}, checks...)
	if err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	say("   quote %s at the contract price: %d yen + tax %d yen = %d yen", qt.Number, qt.Subtotal, qt.Tax, qt.Total)
	wroteQuote := false
	switch {
	case errors.Is(fontErr, quote.ErrNoFont):
		// The rest of the tour needs no font; say how to get the PDF too.
		say("   quote.pdf not written: %v", fontErr)
	case fontErr != nil:
		return fontErr
	default:
		if err := writeQuote(filepath.Join(out, "quote.pdf"), renderer, qt); err != nil {
			return err
		}
		wroteQuote = true
	}

	keyPEM, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp", Country: "JP"}})
	if err != nil {
		return err
	}
	request := string(csrPEM)
	app, err := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	org := jstore.Organization{Name: "株式会社デモ", Address: "東京都千代田区1-1", PostalCode: "100-0001", Phone: "03-0000-0000"}
	// A customer who pastes the key along with the CSR is stopped, and the key goes nowhere.
	_, err = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: request + string(keyPEM), Organization: org})
	var refused *jstore.ValidationError
	if !errors.As(err, &refused) {
		return fmt.Errorf("a pasted private key was not refused: %v", err)
	}
	say("   step 1 refuses a pasted private key: %s", refused.Problems[0].Message(message.Japanese))
	if app, err = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: request, Organization: org}); err != nil {
		return fmt.Errorf("step 1: %w", err)
	}
	if app, err = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield}); err != nil {
		return fmt.Errorf("step 2: %w", err)
	}
	say("2. application for %s is %s", app.CommonName, app.Status)

	cart, err := svc.Cart(ctx, acct.ID)
	if err != nil {
		return err
	}
	cartQuote, err := quoter.Quote(ctx, quote.CartRequest(cart, "demo-contract"))
	if err != nil {
		return fmt.Errorf("cart quote: %w", err)
	}
	order, err := svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{app.ID})
	if err != nil {
		return fmt.Errorf("order: %w", err)
	}
	if order.Total != cartQuote.Total {
		return fmt.Errorf("the cart was quoted at %d yen but ordered at %d", cartQuote.Total, order.Total)
	}
	say("3. ordered: %d yen + consumption tax %d yen = %d yen (as the cart's quote %s said), placed with the CA",
		order.Subtotal, order.Tax, order.Total, cartQuote.Number)
	if fontErr == nil {
		inv, err := store.FindDocument(ctx, seller, billing.Invoice, string(order.ID))
		if err != nil {
			return fmt.Errorf("the order's invoice: %w", err)
		}
		if err := os.WriteFile(filepath.Join(out, "invoice.pdf"), inv.PDF, 0o644); err != nil {
			return err
		}
		say("   invoice %s (請求書) issued for %d yen, dated the order's day", inv.Number, inv.Total)
	} else {
		say("   no invoice: billing documents need the font too")
	}

	// DCV by DNS: the Service says which TXT record to publish; the preflight looks for it
	// before the CA is asked.
	if err := proveByDNS(ctx, svc, zone, acct.ID, app.ID, say); err != nil {
		return err
	}
	cert, err := syncUntilIssued(ctx, svc, acct.ID, app.ID, clock)
	if err != nil {
		return err
	}
	say("4. the CA (simulated) issued serial %s, valid to %s; subscription ends %s", cert.SerialHex,
		cert.NotAfter.In(tokyo).Format(time.DateOnly), cert.SubscriptionEnd.In(tokyo).Format(time.DateOnly))
	if due, dcv, ok := jstore.NextReissue(cert); ok {
		say("   the next free reissue falls due %s (revalidate domains: %v)", due.In(tokyo).Format(time.DateOnly), dcv)
	}

	clock.set(time.Date(2027, 4, 7, 10, 0, 0, 0, tokyo))
	re, err := svc.StartReissue(ctx, acct.ID, cert.ID)
	if err != nil {
		return fmt.Errorf("reissue: %w", err)
	}
	_, csr2PEM, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp", Country: "JP"}})
	if err != nil {
		return err
	}
	csr2 := string(csr2PEM)
	if _, err = svc.SubmitStep1(ctx, acct.ID, re.ID, jstore.Step1{CSR: csr2, Organization: org}); err != nil {
		return fmt.Errorf("reissue step 1: %w", err)
	}
	if _, err = svc.SubmitStep2(ctx, acct.ID, re.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy}); err != nil {
		return fmt.Errorf("reissue step 2: %w", err)
	}
	if _, err = svc.SubmitReissue(ctx, acct.ID, re.ID); err != nil {
		return fmt.Errorf("reissue submit: %w", err)
	}
	if err := proveByDNS(ctx, svc, zone, acct.ID, re.ID, say); err != nil {
		return err
	}
	if cert, err = syncUntilIssued(ctx, svc, acct.ID, re.ID, clock); err != nil {
		return err
	}
	say("5. reissued on %s with a new key under the %s root, valid to %s", clock.now().Format(time.DateOnly), cert.Root, cert.NotAfter.In(tokyo).Format(time.DateOnly))
	if err := takeHome(ctx, svc, acct.ID, cert.ID, out); err != nil {
		return err
	}
	reissuedAt := clock.now()
	say("   re-delivered, verified: chain.pem and bundle.zip (nginx); the site seal in seal.html")

	clock.set(time.Date(2027, 10, 1, 10, 0, 0, 0, tokyo))
	d, err := svc.Dashboard(ctx, acct.ID)
	if err != nil {
		return err
	}
	say("6. on %s the dashboard shows %d renewable certificate(s)", clock.now().Format(time.DateOnly), d.Renewable)
	renewal, err := svc.StartRenewal(ctx, acct.ID, cert.ID, jstore.Selection{Term: 1})
	if err != nil {
		return fmt.Errorf("renewal: %w", err)
	}
	if _, err = svc.History(ctx, acct.ID, cert.ID, jstore.ListOptions{}); err != nil {
		say("   while the renewal sits in the cart, management is locked: %s (%s)", jstore.ErrorMessage(err, message.Japanese), jstore.ErrorMessage(err, message.English))
	}
	if _, err = svc.SubmitStep1(ctx, acct.ID, renewal.ID, jstore.Step1{CSR: csr2}); err != nil {
		return fmt.Errorf("renewal step 1: %w", err)
	}
	if _, err = svc.SubmitStep2(ctx, acct.ID, renewal.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy}); err != nil {
		return fmt.Errorf("renewal step 2: %w", err)
	}
	if _, err = svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{renewal.ID}); err != nil {
		return fmt.Errorf("renewal order: %w", err)
	}
	if err := proveByDNS(ctx, svc, zone, acct.ID, renewal.ID, say); err != nil {
		return err
	}
	if cert, err = syncUntilIssued(ctx, svc, acct.ID, renewal.ID, clock); err != nil {
		return err
	}
	say("7. renewed: the subscription now ends %s (old end plus one year, no day lost)", cert.SubscriptionEnd.In(tokyo).Format(time.DateOnly))

	second, err := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	if err != nil {
		return err
	}
	_, csr3PEM, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "shop.example.jp", Country: "JP"}})
	if err != nil {
		return err
	}
	if _, err = svc.SubmitStep1(ctx, acct.ID, second.ID, jstore.Step1{CSR: string(csr3PEM), Organization: org}); err != nil {
		return fmt.Errorf("second step 1: %w", err)
	}
	if _, err = svc.SubmitStep2(ctx, acct.ID, second.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield}); err != nil {
		return fmt.Errorf("second step 2: %w", err)
	}
	secondOrder, err := svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{second.ID})
	if err != nil {
		return fmt.Errorf("second order: %w", err)
	}
	if second, err = svc.CancelOrder(ctx, acct.ID, second.ID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	say("8. a second order, for shop.example.jp, was %s before validation (the refund is in the history)", second.Status)
	if fontErr == nil {
		if err := writeCredit(ctx, store, secondOrder, out, say); err != nil {
			return err
		}
	}

	q, err := svc.RequestRevocation(ctx, acct.ID, cert.ID, jstore.ReasonSuperseded, "サーバー移転のため失効を依頼します。")
	if err != nil {
		return fmt.Errorf("revocation request: %w", err)
	}
	if q, err = svc.Staff().Resolve(ctx, q.ID, true, "revoked at the CA"); err != nil {
		return fmt.Errorf("revocation: %w", err)
	}
	say("9. revocation inquiry %s: the staff's resolution revoked the certificate at the CA", q.Status)

	history, err := svc.Events(ctx, acct.ID, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	if err != nil {
		return err
	}
	files := map[string]any{"order.json": order, "certificate.json": cert, "events.json": history.Items}
	for name, v := range files {
		if err := writeJSON(filepath.Join(out, name), v); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "certificate.pem"), []byte(cert.PEM), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "request.csr"), []byte(csr2), 0o644); err != nil {
		return err
	}
	var table bytes.Buffer
	if _, err := svc.ExportCSV(ctx, acct.ID, &table, jstore.CSVOptions{}); err != nil {
		return fmt.Errorf("CSV export: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "certificates.csv"), table.Bytes(), 0o644); err != nil {
		return err
	}
	endAt := clock.now()
	if err := unattended(ctx, store, quoter, upstream, roots, zone, acct.ID, clock, say); err != nil {
		return err
	}
	if err := writeRoots(sim, out); err != nil {
		return err
	}
	say("wrote to %s:", out)
	if wroteQuote {
		say("   at step 1: quote.pdf")
	}
	if fontErr == nil {
		say("   at steps 3 and 8: invoice.pdf (the first order's), credit-note.pdf (the cancelled order's), billing.csv (every document issued)")
	}
	say("   at step 5, after the reissue (%s): chain.pem, bundle.zip, seal.html", reissuedAt.Format(time.DateOnly))
	say("   after step 9 (%s, the certificate renewed, then revoked): order.json (the first order), certificate.json, certificate.pem, request.csr, events.json (%d events), certificates.csv", endAt.Format(time.DateOnly), len(history.Items))
	say("   the simulator's roots, to verify against: root-starfield.pem, root-godaddy.pem")
	say("verify the chain at the tour's time: openssl verify -attime %d -CAfile %s -untrusted %s %s",
		reissuedAt.Unix(), filepath.Join(out, "root-godaddy.pem"), filepath.Join(out, "chain.pem"), filepath.Join(out, "chain.pem"))
	return nil
}

// seller is the series the tour's documents are numbered in: the seller's registration number.
const seller = "T9234567890123"

// writeCredit writes the cancelled order's credit note and the archive's CSV.
func writeCredit(ctx context.Context, store *memstore.Store, o jstore.Order, out string, say func(string, ...any)) error {
	credit, err := store.FindDocument(ctx, seller, billing.CreditNote, string(o.ID)+"/"+string(o.Lines[0].Application)+"/refund")
	if err != nil {
		return fmt.Errorf("the cancellation's credit note: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "credit-note.pdf"), credit.PDF, 0o644); err != nil {
		return err
	}
	say("   credit note %s (返還請求書) for %d yen, correcting invoice %s", credit.Number, credit.Total, credit.Corrects)
	var table bytes.Buffer
	n, err := billing.WriteCSV(ctx, store, billing.Query{Seller: seller}, &table, billing.ExportOptions{})
	if err != nil {
		return err
	}
	say("   the archive holds %d documents, searchable by date, amount and customer", n)
	return os.WriteFile(filepath.Join(out, "billing.csv"), table.Bytes(), 0o644)
}

// writeRoots writes the simulator's two roots, which stand in for Starfield's and GoDaddy's.
func writeRoots(sim *catest.Server, out string) error {
	for b, name := range map[catest.Brand]string{catest.Starfield: "root-starfield.pem", catest.GoDaddy: "root-godaddy.pem"} {
		root := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: sim.PKI().Chain(b).Root.Raw})
		if err := os.WriteFile(filepath.Join(out, name), root, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// takeHome writes what the customer takes home: the verified chain, the nginx bundle and the
// site seal in Japanese.
func takeHome(ctx context.Context, svc *jstore.Service, acct jstore.AccountID, cert jstore.CertificateID, out string) error {
	for format, name := range map[jstore.DeliveryFormat]string{jstore.FormatChain: "chain.pem", jstore.FormatNginx: "bundle.zip"} {
		d, err := svc.Download(ctx, acct, cert, format)
		if err != nil {
			return fmt.Errorf("download %s: %w", format, err)
		}
		if err := os.WriteFile(filepath.Join(out, name), d.Body, 0o644); err != nil {
			return err
		}
	}
	html, err := svc.SiteSeal(ctx, acct, cert, seal.Style{Lang: "ja"})
	if err != nil {
		return fmt.Errorf("site seal: %w", err)
	}
	return os.WriteFile(filepath.Join(out, "seal.html"), []byte(html), 0o644)
}

// proveByDNS publishes the TXT record the Service names, checks it as the CA will, and asks the
// CA to validate.
func proveByDNS(ctx context.Context, svc *jstore.Service, zone *catest.DNSServer, acct jstore.AccountID, app jstore.ApplicationID, say func(string, ...any)) error {
	dc, err := svc.DomainControl(ctx, acct, app)
	if err != nil {
		return fmt.Errorf("domain control: %w", err)
	}
	validated := true
	for _, d := range dc.Domains {
		validated = validated && d.Validated
	}
	if validated {
		say("   DCV: the CA still holds the domains' earlier validation (reused within its limit)")
		return nil
	}
	for _, d := range dc.Domains {
		zone.SetTXT(d.TXTName, d.TXTValue)
		say("   DCV: publish TXT %s = %s…", d.TXTName, d.TXTValue[:8])
	}
	check, err := svc.CheckDomainControl(ctx, acct, app)
	if err != nil {
		return fmt.Errorf("domain control check: %w", err)
	}
	if !check.Ready {
		return fmt.Errorf("the preflight is not satisfied: %+v", check.Domains)
	}
	say("   the preflight found the record and the CAA records allow the CA; the CA is asked to validate")
	return svc.RequestValidation(ctx, acct, app)
}

// syncUntilIssued runs Sync, as a panel's scheduler would, until the application is issued,
// moving the demo clock on between passes.
func syncUntilIssued(ctx context.Context, svc *jstore.Service, acct jstore.AccountID, id jstore.ApplicationID, clock *demoClock) (jstore.Certificate, error) {
	for range 10 {
		if _, err := svc.Sync(ctx); err != nil {
			return jstore.Certificate{}, err
		}
		app, err := svc.GetApplication(ctx, acct, id)
		if err != nil {
			return jstore.Certificate{}, err
		}
		if id := app.IssuedCertificate(); id != "" {
			return svc.GetCertificate(ctx, acct, id)
		}
		if app.Flag != "" {
			return jstore.Certificate{}, fmt.Errorf("what the CA issued was refused: %s", app.Flag)
		}
		clock.set(clock.now().Add(time.Hour))
	}
	return jstore.Certificate{}, fmt.Errorf("application %s was not issued", id)
}

// quoteRenderer is the quote renderer with an installed Japanese font (Debian:
// fonts-ipaexfont-gothic).
func quoteRenderer() (*quote.Renderer, error) {
	font, err := quote.FindFont()
	if err != nil {
		return nil, err
	}
	return quote.NewRenderer(font, quote.Seller{Name: "株式会社ジェイストア", Address: "東京都港区芝公園4-2-8", Phone: "03-1234-5678", RegistrationNumber: seller})
}

// writeQuote draws the quote as a PDF file.
func writeQuote(path string, r *quote.Renderer, q quote.Quote) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := r.Render(f, q, quote.Japanese); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
