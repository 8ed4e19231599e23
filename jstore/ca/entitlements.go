package ca

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// An entitlement is a certificate product bought in the CA's own shop rather than ordered
// through the API; the v2 entitlement routes read and download the certificates issued under
// it. [EntitlementOptions.Latest] nil leaves the CA's default (the most recent certificate
// only).

// EntitlementOptions are the entitlement lookup's query parameters.
type EntitlementOptions struct {
	// Latest false asks for every certificate of the entitlement; nil or true for the most
	// recent one alone.
	Latest *bool
}

func entitlementQuery(op, entitlementID string) (url.Values, error) {
	if entitlementID == "" {
		return nil, &Error{Kind: KindInvalid, Op: op, Message: "an entitlement ID is required"}
	}
	return url.Values{"entitlementId": {entitlementID}}, nil
}

// ByEntitlement returns the certificates of an entitlement (GET /v2/certificates).
func (s *CertificatesService) ByEntitlement(ctx context.Context, entitlementID string, o EntitlementOptions) ([]Certificate, error) {
	const op = "certificate_get_entitlement"
	q, err := entitlementQuery(op, entitlementID)
	if err != nil {
		return nil, err
	}
	if o.Latest != nil {
		q.Set("latest", strconv.FormatBool(*o.Latest))
	}
	var out []Certificate
	if err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/certificates", query: q, out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// DownloadByEntitlement returns the current certificate of an entitlement and its chain (GET
// /v2/certificates/download); a certificate not yet issued is ErrConflict.
func (s *CertificatesService) DownloadByEntitlement(ctx context.Context, entitlementID string) (*Bundle, error) {
	const op = "certificate_download_entitlement"
	q, err := entitlementQuery(op, entitlementID)
	if err != nil {
		return nil, err
	}
	var out Bundle
	if err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/certificates/download", query: q, out: &out, check: out.holdsCertificate}); err != nil {
		return nil, err
	}
	return &out, nil
}
