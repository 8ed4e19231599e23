package jstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/quote"
)

// printBiller stands in for billing.Biller, which draws and archives the documents.
type printBiller struct{}

func (printBiller) Bill(_ context.Context, b jstore.Bill) error {
	fmt.Printf("%s for %s, %s: ", b.Kind, b.Customer.Company, b.At.In(tokyo).Format(time.DateOnly))
	for _, l := range b.Lines {
		fmt.Printf("%s %d yen at %d%%\n", l.CommonName, l.Amount, b.TaxPercent)
	}
	return nil
}

// WithBiller bills each order as it is completed and credits a refund (BillOnOrder). A bill the
// Biller fails stays due for SettleBills, which Sync calls.
func ExampleWithBiller() {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, tokyo)
	pricer, err := quote.New(quote.Config{Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{},
		Book: quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 9800}}}})
	if err != nil {
		panic(err)
	}
	svc, err := jstore.New(memstore.New(), jstore.WithClock(func() time.Time { return now }), jstore.WithPricer(pricer),
		jstore.WithBiller(printBiller{}, jstore.BillOnOrder), jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}))
	if err != nil {
		panic(err)
	}
	acct, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: jstore.CustomerInfo{
		Company: "株式会社サンプル", ContactName: "山田太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
	if err != nil {
		panic(err)
	}
	app, _ := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	_, req, _ := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp"}})
	_, _ = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: string(req)})
	_, _ = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	if _, err := svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{app.ID}); err != nil {
		panic(err)
	}
	now = now.Add(48 * time.Hour)
	if _, err := svc.CancelOrder(ctx, acct.ID, app.ID); err != nil {
		panic(err)
	}
	// Output:
	// invoice for 株式会社サンプル, 2026-12-01: www.example.jp 9800 yen at 10%
	// credit for 株式会社サンプル, 2026-12-03: www.example.jp 9800 yen at 10%
}
