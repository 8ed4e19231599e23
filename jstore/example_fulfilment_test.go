package jstore_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/quote"
)

// A Service that orders from the CA: CompleteOrder places the order, the customer publishes the
// TXT record DomainControl names, and Sync records the verified certificate. Here the CA is
// the in-process simulator and the customer's zone a loopback DNS server; a panel passes a
// adapter.Adapter for GoDaddy's API (ca.OTE, then ca.Production) and the system's resolver.
func ExampleWithCA() {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }

	zone, _ := catest.NewDNSServer()
	defer zone.Close()
	sim, _ := catest.NewServer(catest.WithClock(clock), catest.WithDNS(zone.Resolver()))
	defer sim.Close()
	key, secret := sim.Credentials()
	client, _ := ca.NewClient(key, secret, ca.WithBaseURL(sim.URL()), ca.WithHTTPClient(sim.HTTPClient()), ca.WithoutRateLimit())
	upstream, _ := adapter.New(client, sim.CustomerID())
	roots := x509.NewCertPool()
	roots.AddCert(sim.PKI().Chain(catest.Starfield).Root)

	pricer, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{},
		Book: quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 10000}}}})
	if err != nil {
		panic(err)
	}
	svc, err := jstore.New(memstore.New(), jstore.WithClock(clock), jstore.WithPricer(pricer),
		jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}),
		jstore.WithCA(upstream), jstore.WithTrustedRoots(map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: roots}),
		jstore.WithDCVResolver(zone.Resolver()), jstore.WithMailer(printMailer{}, "support@reseller.example"))
	if err != nil {
		panic(err)
	}
	fmt.Println("keys work:", svc.CheckCA(ctx) == nil)

	acct, _ := svc.Register(ctx, jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: jstore.CustomerInfo{
		Company: "株式会社サンプル", ContactName: "山田 太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
	_, request, _ := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp"}})
	app, _ := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	_, _ = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: string(request)})
	_, _ = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	if _, err := svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{app.ID}); err != nil {
		panic(err)
	}

	dc, _ := svc.DomainControl(ctx, acct.ID, app.ID)
	fmt.Println("publish a TXT record at", dc.Domains[0].TXTName)
	zone.SetTXT(dc.Domains[0].TXTName, dc.Domains[0].TXTValue)
	check, _ := svc.CheckDomainControl(ctx, acct.ID, app.ID)
	fmt.Println("preflight ready:", check.Ready)
	_ = svc.RequestValidation(ctx, acct.ID, app.ID)

	rep, _ := svc.Sync(ctx)
	fmt.Println("issued by this sync:", rep.Issued)
	app, _ = svc.GetApplication(ctx, acct.ID, app.ID)
	cert, _ := svc.GetCertificate(ctx, acct.ID, app.Certificate)
	fmt.Println(cert.CommonName, cert.Status, cert.CAOrderID == app.CAOrderID)

	// What the customer takes home: the certificate again, by download or by mail, and a CSV.
	d, _ := svc.Download(ctx, acct.ID, cert.ID, jstore.FormatNginx)
	fmt.Println("download:", d.FileName, d.ContentType)
	_ = svc.SendCertificate(ctx, acct.ID, cert.ID, jstore.FormatChain, "admin@example.jp")
	rows, _ := svc.ExportCSV(ctx, acct.ID, io.Discard, jstore.CSVOptions{Lang: "en"})
	fmt.Println("CSV rows:", rows)
	// Output:
	// keys work: true
	// publish a TXT record at www.example.jp
	// preflight ready: true
	// issued by this sync: 1
	// www.example.jp issued true
	// download: www_example_jp.nginx.zip application/zip
	// mail to admin@example.jp: www_example_jp.fullchain.pem
	// CSV rows: 1
}

// printMailer stands in for smtpmail.Client: it prints what it would send.
type printMailer struct{}

func (printMailer) Send(_ context.Context, m jstore.Message) error {
	fmt.Printf("mail to %s: %s\n", strings.Join(m.To, ", "), m.Attachments[0].Name)
	return nil
}
