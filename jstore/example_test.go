package jstore_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/cabf"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/quote"
)

// The main flow: an account selects a product, registers the two steps, orders, and the
// certificate the CA issued is recorded.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, tokyo)
	pricer, err := quote.New(quote.Config{ // prices orders exactly as it quotes them
		Catalogue: jstore.DefaultCatalogue(),
		Book:      quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 10000}}},
		Numberer:  &quote.MemoryNumberer{},
	})
	if err != nil {
		panic(err)
	}
	svc, err := jstore.New(memstore.New(),
		jstore.WithClock(func() time.Time { return now }),
		jstore.WithPricer(pricer),
		jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}),
	)
	if err != nil {
		panic(err)
	}
	acct, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: jstore.CustomerInfo{
		Company: "株式会社サンプル", ContactName: "山田太郎", Email: "taro@example.jp", Phone: "03-1234-5678",
	}})
	if err != nil {
		panic(err)
	}
	app, _ := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	// A panel that holds its customers' keys makes the CSR; most customers paste their own.
	_, req, _ := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp"}})
	app, err = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: string(req)})
	if err != nil {
		panic(err)
	}
	app, _ = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	fmt.Println("status:", app.Status)

	d, _ := svc.Dashboard(ctx, acct.ID)
	fmt.Println("pending applications:", d.PendingApplications)

	order, _ := svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{app.ID})
	fmt.Printf("order: %d + tax %d = %d yen\n", order.Subtotal, order.Tax, order.Total)

	// The CA's answer: WithCA orders and records it by itself; here the simulator's PKI signs.
	pki, _ := catest.NewPKI()
	leaf, _ := pki.Chain(catest.Starfield).Issue(string(req), now, now.Add(cabf.PlannedLifetime(now)))
	cert, err := svc.RecordIssuance(ctx, acct.ID, app.ID, jstore.Issuance{CertificatePEM: leaf})
	if err != nil {
		panic(err)
	}
	fmt.Println("certificate expires:", cert.NotAfter.In(tokyo).Format(time.DateOnly))
	fmt.Println("subscription ends:  ", cert.SubscriptionEnd.In(tokyo).Format(time.DateOnly))
	due, dcv, _ := jstore.NextReissue(cert)
	fmt.Println("next free reissue:  ", due.In(tokyo).Format(time.DateOnly), "revalidate:", dcv)
	// Output:
	// status: info_registered
	// pending applications: 1
	// order: 10000 + tax 1000 = 11000 yen
	// certificate expires: 2027-06-12
	// subscription ends:   2027-11-25
	// next free reissue:   2027-04-07 revalidate: true
}

func ExampleService_RenewalWindowFor() {
	svc, _ := jstore.New(memstore.New())
	end := time.Date(2027, 11, 25, 10, 0, 0, 0, tokyo)
	w := svc.RenewalWindowFor(end)
	fmt.Println("opens: ", w.Opens.Format(time.DateTime))
	fmt.Println("closes:", w.Closes.Format(time.DateTime))
	// Output:
	// opens:  2027-09-26 00:00:00
	// closes: 2027-12-26 00:00:00
}

func ExampleRenewalChangeError() {
	err := error(&jstore.RenewalChangeError{Certificate: "crt_1", Fields: []string{"san_slots"}})
	var rc *jstore.RenewalChangeError
	if errors.Is(err, jstore.ErrRenewalChange) && errors.As(err, &rc) {
		fmt.Println("needs a new order because of", rc.Fields)
	}
	// Output:
	// needs a new order because of [san_slots]
}
