package ca_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// The client against the simulator: order, validate the domain, download the chain.
func Example() {
	ctx := context.Background()
	srv, err := catest.NewServer()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit())
	if err != nil {
		log.Fatal(err)
	}

	_, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "www.example.jp"}})
	if err != nil {
		log.Fatal(err)
	}
	id, err := c.Certificates.Create(ctx, ca.CreateRequest{
		Contact: ca.Contact{Email: "hanako@example.jp", NameFirst: "Hanako", NameLast: "Mihon", Phone: "+81.300000000"},
		CSR:     string(csrPEM), Period: 1, ProductType: ca.ProductDVSSL, RootType: ca.StarfieldSHA2,
	})
	if err != nil {
		log.Fatal(err)
	}
	cert, err := c.Certificates.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cert.Status, cert.CommonName)

	// The domain's owner proves control (here the test says so; see catest for DNS and file).
	if err := srv.ApproveDomain(id, "www.example.jp"); err != nil {
		log.Fatal(err)
	}
	b, err := c.Certificates.Download(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Count(b.PEMs.Chain(), "BEGIN CERTIFICATE"), "certificates: leaf, intermediate, root")
	// Output:
	// PENDING_ISSUANCE www.example.jp
	// 3 certificates: leaf, intermediate, root
}

// A create whose answer is lost is never sent twice; the error says the outcome is unknown,
// and the caller reconciles by reading its orders.
func Example_outcomeUnknown() {
	ctx := context.Background()
	srv, err := catest.NewServer()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	// The connection drops after the simulator has placed the order.
	if err := srv.InjectFaults("certificate_create", catest.Fault{Kind: catest.FaultDrop, Share: 1}); err != nil {
		log.Fatal(err)
	}
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit())
	if err != nil {
		log.Fatal(err)
	}
	_, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: csr.RSA2048, Subject: csr.Subject{CommonName: "shop.example.jp"}})
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Certificates.Create(ctx, ca.CreateRequest{
		Contact: ca.Contact{Email: "hanako@example.jp", NameFirst: "Hanako", NameLast: "Mihon", Phone: "+81.300000000"},
		CSR:     string(csrPEM), Period: 1, ProductType: ca.ProductDVSSL,
	})
	fmt.Println("unknown:", errors.Is(err, ca.ErrOutcomeUnknown))
	fmt.Println("requests sent:", srv.Hits("certificate_create"))

	for s, err := range c.Customers.All(ctx, srv.CustomerID(), ca.ListOptions{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("found on reconciling:", s.CommonName, s.Status)
	}
	// Output:
	// unknown: true
	// requests sent: 1
	// found on reconciling: shop.example.jp PENDING_ISSUANCE
}
