package ca

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// CustomersService is the v2 customer-scoped reads. customerID is the shopper's customer UUID,
// not the shopper ID.
type CustomersService service

func customerParams(customerID, id string) map[string]string {
	return map[string]string{"customerId": customerID, "certificateId": id}
}

// List returns one page of the customer's certificates.
func (s *CustomersService) List(ctx context.Context, customerID string, o ListOptions) (*CertificatePage, error) {
	const op = "getCustomerCertificatesByCustomerId"
	if o.Offset < 0 || o.Limit < 0 || o.MaxPages < 0 {
		return nil, &Error{Kind: KindInvalid, Op: op, Message: "offset, limit and MaxPages must not be negative"}
	}
	q := url.Values{}
	if o.Offset > 0 {
		q.Set("offset", strconv.Itoa(o.Offset))
	}
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	var out CertificatePage
	err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/customers/{customerId}/certificates", params: map[string]string{"customerId": customerID}, query: q, out: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// All yields every certificate of the customer, following pagination.next from page to page.
// It stops at the first error, which it yields. A next link to another host, one that repeats
// a page already read, or a page past o.MaxPages ends the listing with ErrBadResponse.
func (s *CustomersService) All(ctx context.Context, customerID string, o ListOptions) iter.Seq2[CertificateSummary, error] {
	return func(yield func(CertificateSummary, error) bool) {
		page, err := s.List(ctx, customerID, o)
		seen := map[string]bool{}
		maxPages := o.MaxPages
		if maxPages == 0 {
			maxPages = DefaultMaxPages
		}
		for read := 1; ; read++ {
			if err != nil {
				yield(CertificateSummary{}, err)
				return
			}
			for _, c := range page.Certificates {
				if !yield(c, nil) {
					return
				}
			}
			next := page.Pagination.Next
			if next == "" || len(page.Certificates) == 0 {
				return
			}
			if seen[next] {
				yield(CertificateSummary{}, &Error{Kind: KindBadResponse, Op: "getCustomerCertificatesByCustomerId", Err: errors.New("pagination.next repeats a page")})
				return
			}
			if read >= maxPages {
				yield(CertificateSummary{}, &Error{Kind: KindBadResponse, Op: "getCustomerCertificatesByCustomerId", Err: fmt.Errorf("more than %d pages; stopped (raise ListOptions.MaxPages to read further)", maxPages)})
				return
			}
			seen[next] = true
			page, err = s.follow(ctx, next)
		}
	}
}

// follow reads the page a pagination link names. Links are resolved against the base URL and
// must stay on its scheme and host, so that the credentials never go elsewhere.
func (s *CustomersService) follow(ctx context.Context, link string) (*CertificatePage, error) {
	const op = "getCustomerCertificatesByCustomerId"
	base := s.c.s.baseURL
	u, err := base.Parse(link)
	if err != nil || u.Scheme != base.Scheme || u.Host != base.Host {
		return nil, &Error{Kind: KindBadResponse, Op: op, Err: errors.New("pagination.next points outside the API")}
	}
	var out CertificatePage
	if err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: u.String(), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns the v2 detail of one certificate.
func (s *CustomersService) Get(ctx context.Context, customerID, id string) (*CertificateDetail, error) {
	const op = "getCertificateDetailByCertIdentifier"
	var out CertificateDetail
	if err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/customers/{customerId}/certificates/{certificateId}", params: customerParams(customerID, id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DomainVerifications returns the verification state of each domain of a certificate.
func (s *CustomersService) DomainVerifications(ctx context.Context, customerID, id string) ([]DomainVerification, error) {
	const op = "getDomainInformationByCertificateId"
	var out []DomainVerification
	err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/customers/{customerId}/certificates/{certificateId}/domainVerifications", params: customerParams(customerID, id), out: &out})
	return out, err
}

// DomainVerification returns one domain's verification state and its CAA check.
func (s *CustomersService) DomainVerification(ctx context.Context, customerID, id, domain string) (*DomainVerificationDetail, error) {
	const op = "getDomainDetailsByDomain"
	p := customerParams(customerID, id)
	p["domain"] = domain
	var out DomainVerificationDetail
	if err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/customers/{customerId}/certificates/{certificateId}/domainVerifications/{domain}", params: p, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}
