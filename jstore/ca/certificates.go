package ca

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// CertificatesService is the v1 order lifecycle: create, read, download, reissue, renew,
// revoke, cancel, domain control and the site seal.
type CertificatesService service

func idParam(id string) map[string]string { return map[string]string{"certificateId": id} }

// Create places a pending order (202). It is never repeated once it may have reached the CA:
// an error matching ErrOutcomeUnknown means the order may exist.
func (s *CertificatesService) Create(ctx context.Context, r CreateRequest) (string, error) {
	var out CertificateIdentifier
	err := s.c.do(ctx, call{op: "certificate_create", method: http.MethodPost, path: "/v1/certificates", body: r, market: true, creates: true, out: &out,
		check: func() error {
			if out.CertificateID == "" {
				return errors.New("the answer holds no certificateId")
			}
			return nil
		}})
	if err != nil {
		return "", err
	}
	return out.CertificateID, nil
}

// Validate asks the CA to check an order without placing it (204). It creates nothing, so it
// is retried like a read.
func (s *CertificatesService) Validate(ctx context.Context, r CreateRequest) error {
	return s.c.do(ctx, call{op: "certificate_validate", method: http.MethodPost, path: "/v1/certificates/validate", body: r, market: true})
}

// Get returns the order and its certificate's state.
func (s *CertificatesService) Get(ctx context.Context, id string) (*Certificate, error) {
	var out Certificate
	if err := s.c.do(ctx, call{op: "certificate_get", method: http.MethodGet, path: "/v1/certificates/{certificateId}", params: idParam(id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Actions lists the order's stateful actions, oldest first as the CA returns them.
func (s *CertificatesService) Actions(ctx context.Context, id string) ([]Action, error) {
	var out []Action
	err := s.c.do(ctx, call{op: "certificate_action_retrieve", method: http.MethodGet, path: "/v1/certificates/{certificateId}/actions", params: idParam(id), out: &out})
	return out, err
}

// Download returns the issued certificate and its chain (409 ErrConflict before issuance).
func (s *CertificatesService) Download(ctx context.Context, id string) (*Bundle, error) {
	var out Bundle
	err := s.c.do(ctx, call{op: "certificate_download", method: http.MethodGet, path: "/v1/certificates/{certificateId}/download", params: idParam(id), out: &out, check: out.holdsCertificate})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Reissue asks for a new certificate on the order: a new key, other names (UCC), or the other
// root (202). The returned ID is the one the CA names, or id when it names none. Never repeated
// once it may have reached the CA.
func (s *CertificatesService) Reissue(ctx context.Context, id string, r ReissueRequest) (string, error) {
	if r.DelayExistingRevoke != nil && (*r.DelayExistingRevoke < 0 || *r.DelayExistingRevoke > MaxDelayExistingRevoke) {
		return "", &Error{Kind: KindInvalid, Op: "certificate_reissue", Message: "delayExistingRevoke must be 0 to 168 hours"}
	}
	return s.c.sameOrNewID(ctx, call{op: "certificate_reissue", method: http.MethodPost, path: "/v1/certificates/{certificateId}/reissue", params: idParam(id), body: r, creates: true}, id)
}

// Renew renews the order inside its window, 60 days before to 30 days after expiry (202).
// Never repeated once it may have reached the CA.
func (s *CertificatesService) Renew(ctx context.Context, id string, r RenewRequest) (string, error) {
	return s.c.sameOrNewID(ctx, call{op: "certificate_renew", method: http.MethodPost, path: "/v1/certificates/{certificateId}/renew", params: idParam(id), body: r, creates: true}, id)
}

// sameOrNewID runs a 202 call whose body the specification leaves empty while some CAs send
// {certificateId}: either is accepted.
func (c *Client) sameOrNewID(ctx context.Context, cl call, id string) (string, error) {
	var out CertificateIdentifier
	cl.out, cl.optional = &out, true
	if err := c.do(ctx, cl); err != nil {
		return "", err
	}
	if out.CertificateID != "" {
		return out.CertificateID, nil
	}
	return id, nil
}

// Revoke revokes an issued certificate (204). Never repeated once it may have reached the CA.
func (s *CertificatesService) Revoke(ctx context.Context, id string, reason RevokeReason) error {
	if reason == "" {
		return &Error{Kind: KindInvalid, Op: "certificate_revoke", Message: "a reason is required"}
	}
	return s.c.do(ctx, call{op: "certificate_revoke", method: http.MethodPost, path: "/v1/certificates/{certificateId}/revoke", params: idParam(id), body: RevokeRequest{Reason: reason}, creates: true})
}

// Cancel cancels a pending order (204), returning the product credit. Cancelling twice has
// the same effect as once, so it is retried like a read; a retry of a cancel the CA had already
// carried out answers ErrConflict, and Get tells which.
func (s *CertificatesService) Cancel(ctx context.Context, id string) error {
	return s.c.do(ctx, call{op: "certificate_cancel", method: http.MethodPost, path: "/v1/certificates/{certificateId}/cancel", params: idParam(id)})
}

// VerifyDomainControl asks the CA to check domain control now (204 when it succeeded; 409
// ErrConflict when it did not).
func (s *CertificatesService) VerifyDomainControl(ctx context.Context, id string) error {
	return s.c.do(ctx, call{op: "certificate_verifydomaincontrol", method: http.MethodPost, path: "/v1/certificates/{certificateId}/verifyDomainControl", params: idParam(id)})
}

// SiteSeal returns the seal HTML of an issued certificate. Theme and locale are sent only when
// set, so that an existing seal keeps its settings.
func (s *CertificatesService) SiteSeal(ctx context.Context, id string, o SiteSealOptions) (string, error) {
	q := url.Values{}
	if o.Theme != "" {
		q.Set("theme", string(o.Theme))
	}
	if o.Locale != "" {
		q.Set("locale", o.Locale)
	}
	var out SiteSeal
	if err := s.c.do(ctx, call{op: "certificate_siteseal_get", method: http.MethodGet, path: "/v1/certificates/{certificateId}/siteSeal", params: idParam(id), query: q, out: &out}); err != nil {
		return "", err
	}
	return out.HTML, nil
}
