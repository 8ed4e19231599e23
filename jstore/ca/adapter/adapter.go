package adapter

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
)

// Adapter is the Client seen as a [jstore.CA].
type Adapter struct {
	c          *ca.Client
	customerID string
}

var _ jstore.CA = (*Adapter)(nil)

// New wraps c. customerID, when set, lets DomainVerifications use the v2 per-domain
// view; without it the v1 order's SAN statuses are used.
func New(c *ca.Client, customerID string) (*Adapter, error) {
	if c == nil {
		return nil, errors.New("adapter: New: nil client")
	}
	return &Adapter{c: c, customerID: customerID}, nil
}

// wrap lets callers of the seam test errors.Is(err, jstore.ErrCAOutcomeUnknown) without
// importing this package; the *Error stays reachable with errors.As.
func wrap(err error) error {
	var sentinel error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ca.ErrOutcomeUnknown):
		sentinel = jstore.ErrCAOutcomeUnknown
	case errors.Is(err, ca.ErrNotFound):
		sentinel = jstore.ErrNotFound
	case errors.Is(err, ca.ErrInvalid):
		sentinel = jstore.ErrCARefused
	case errors.Is(err, ca.ErrConflict):
		return fmt.Errorf("%w: %w: %w", jstore.ErrCARefused, jstore.ErrCAConflict, err)
	case errors.Is(err, ca.ErrBusy):
		return fmt.Errorf("%w: %w: %w", jstore.ErrCAUnavailable, jstore.ErrCABusy, err)
	case errors.Is(err, ca.ErrUnavailable), errors.Is(err, ca.ErrRateLimited):
		sentinel = jstore.ErrCAUnavailable
	case errors.Is(err, ca.ErrUnauthorized):
		sentinel = jstore.ErrCAUnauthorized
	case errors.Is(err, ca.ErrForbidden):
		return fmt.Errorf("%w: %w: %w", jstore.ErrCAUnauthorized, jstore.ErrCAForbidden, err)
	default:
		return err
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}

// lane carries jstore's mark of a person's request over to the client's rate budget, so the
// call goes ahead of background work (and, with a bound, fails with ErrCABusy rather than wait).
func lane(ctx context.Context) context.Context {
	if wait, ok := jstore.Interactive(ctx); ok {
		return ca.WithInteractive(ctx, wait)
	}
	return ctx
}

func rootType(r jstore.RootOption) (ca.RootType, error) {
	switch r {
	case jstore.RootStarfield, "":
		return ca.StarfieldSHA2, nil
	case jstore.RootGoDaddy:
		return ca.GoDaddySHA2, nil
	}
	return "", &ca.Error{Kind: ca.KindInvalid, Op: "adapter", Message: fmt.Sprintf("unknown root option %q", r)}
}

// PlaceOrder creates the order.
func (a *Adapter) PlaceOrder(ctx context.Context, o jstore.CAOrder) (jstore.CAOrderID, error) {
	ctx = lane(ctx)
	root, err := rootType(o.Root)
	if err != nil {
		return "", err
	}
	req := ca.CreateRequest{
		CallbackURL: o.CallbackURL,
		CommonName:  o.CommonName,
		Contact:     ca.Contact{NameFirst: o.Contact.FirstName, NameLast: o.Contact.LastName, Email: o.Contact.Email, Phone: o.Contact.Phone},
		CSR:         o.CSR,
		Period:      o.Term,
		ProductType: ca.ProductType(o.UpstreamType),
		RootType:    root,
	}
	if req.ProductType.UCC() {
		size, ok := ca.SlotSizeFor(o.SANSlots)
		if !ok {
			return "", &ca.Error{Kind: ca.KindInvalid, Op: "certificate_create", Message: fmt.Sprintf("no slot size holds %d names", o.SANSlots)}
		}
		req.SlotSize, req.SubjectAlternativeNames = size, o.SANs
	}
	if org := o.Organization; org.Name != "" {
		req.Organization = &ca.OrganizationCreate{Name: org.Name, Phone: org.Phone}
		if org.Address != "" {
			req.Organization.Address = &ca.Address{Address1: org.Address, PostalCode: org.PostalCode, Country: o.Country}
		}
	}
	id, err := a.c.Certificates.Create(ctx, req)
	return jstore.CAOrderID(id), wrap(err)
}

// OrderStatus reads the order.
func (a *Adapter) OrderStatus(ctx context.Context, id jstore.CAOrderID) (jstore.CAStatus, error) {
	ctx = lane(ctx)
	c, err := a.c.Certificates.Get(ctx, string(id))
	if err != nil {
		return jstore.CAStatus{}, wrap(err)
	}
	return jstore.CAStatus{
		State: stateOf(c.Status), Raw: string(c.Status), SerialHex: c.SerialNumberHex,
		NotBefore: c.ValidStart, NotAfter: c.ValidEnd, RevokedAt: c.RevokedAt, DeniedReason: c.DeniedReason,
	}, nil
}

// stateOf reduces the CA's status, including the values seen in production but missing from
// the specification.
func stateOf(s ca.Status) jstore.CAState {
	switch s {
	case ca.StatusPendingIssuance, ca.StatusPendingRekey, "RENEWAL_PENDING_ISSUANCE":
		return jstore.CAPending
	case ca.StatusIssued, "CURRENT":
		return jstore.CAIssued
	case ca.StatusRevoked, ca.StatusPendingRevocation, "REVOKED_UPON_ISSUANCE":
		return jstore.CARevoked
	case ca.StatusCanceled:
		return jstore.CACanceled
	case ca.StatusDenied, ca.StatusUnused:
		return jstore.CADenied
	case ca.StatusExpired:
		return jstore.CAExpired
	}
	return jstore.CAUnknown
}

// Download fetches the certificate and its chain.
func (a *Adapter) Download(ctx context.Context, id jstore.CAOrderID) (jstore.CABundle, error) {
	ctx = lane(ctx)
	b, err := a.c.Certificates.Download(ctx, string(id))
	return bundle(b, err)
}

// DownloadByEntitlement fetches the current certificate of a purchase made in the CA's shop
// rather than through the API, for a panel that takes such certificates over. It is not part
// of jstore.CA: the workflow orders, and so knows, every certificate it follows.
func (a *Adapter) DownloadByEntitlement(ctx context.Context, entitlementID string) (jstore.CABundle, error) {
	ctx = lane(ctx)
	b, err := a.c.Certificates.DownloadByEntitlement(ctx, entitlementID)
	return bundle(b, err)
}

func bundle(b *ca.Bundle, err error) (jstore.CABundle, error) {
	if err != nil {
		return jstore.CABundle{}, wrap(err)
	}
	return jstore.CABundle{SerialHex: b.SerialNumber, Certificate: b.PEMs.Certificate, Intermediate: b.PEMs.Intermediate, Cross: b.PEMs.Cross, Root: b.PEMs.Root}, nil
}

// ExternalAccountBinding returns the customer's ACME credentials (it needs the customer ID
// given to New), for a panel that also issues DV certificates by ACME.
func (a *Adapter) ExternalAccountBinding(ctx context.Context) (*ca.ExternalAccountBinding, error) {
	ctx = lane(ctx)
	if a.customerID == "" {
		return nil, errors.New("adapter: ExternalAccountBinding: no customer ID (give it to New)")
	}
	b, err := a.c.Customers.ExternalAccountBinding(ctx, a.customerID)
	return b, wrap(err)
}

// Reissue asks for a new certificate on the order.
func (a *Adapter) Reissue(ctx context.Context, id jstore.CAOrderID, r jstore.CAReissue) error {
	ctx = lane(ctx)
	root, err := rootType(r.Root)
	if err != nil {
		return err
	}
	delay := r.DelayRevokeHours
	_, err = a.c.Certificates.Reissue(ctx, string(id), ca.ReissueRequest{CSR: r.CSR, CommonName: r.CommonName, SubjectAlternativeNames: r.SANs, RootType: root, DelayExistingRevoke: &delay})
	return wrap(err)
}

// Renew renews the order.
func (a *Adapter) Renew(ctx context.Context, id jstore.CAOrderID, r jstore.CARenewal) error {
	ctx = lane(ctx)
	root, err := rootType(r.Root)
	if err != nil {
		return err
	}
	_, err = a.c.Certificates.Renew(ctx, string(id), ca.RenewRequest{CSR: r.CSR, SubjectAlternativeNames: r.SANs, RootType: root, Period: r.Term})
	return wrap(err)
}

// Revoke revokes the order's certificate.
func (a *Adapter) Revoke(ctx context.Context, id jstore.CAOrderID, reason jstore.RevocationReason) error {
	ctx = lane(ctx)
	return wrap(a.c.Certificates.Revoke(ctx, string(id), ca.RevokeReason(reason)))
}

// SiteSeal returns the CA's seal HTML.
func (a *Adapter) SiteSeal(ctx context.Context, id jstore.CAOrderID, st jstore.SealStyle) (string, error) {
	ctx = lane(ctx)
	o := ca.SiteSealOptions{Theme: ca.ThemeLight, Locale: st.Lang}
	if st.Dark {
		o.Theme = ca.ThemeDark
	}
	if o.Locale == "" {
		o.Locale = "en"
	}
	html, err := a.c.Certificates.SiteSeal(ctx, string(id), o)
	return html, wrap(err)
}

// DomainVerifications reports each domain's validation.
func (a *Adapter) DomainVerifications(ctx context.Context, id jstore.CAOrderID) ([]jstore.CADomain, error) {
	ctx = lane(ctx)
	if a.customerID != "" {
		vs, err := a.c.Customers.DomainVerifications(ctx, a.customerID, string(id))
		if err != nil {
			return nil, wrap(err)
		}
		out := make([]jstore.CADomain, len(vs))
		for i, v := range vs {
			out[i] = jstore.CADomain{Domain: v.Domain, Validated: v.Status == ca.DomainCompleted, Status: string(v.Status), Token: v.DCEToken}
		}
		return out, nil
	}
	c, err := a.c.Certificates.Get(ctx, string(id))
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]jstore.CADomain, 0, len(c.SubjectAlternativeNames))
	for _, s := range c.SubjectAlternativeNames {
		out = append(out, jstore.CADomain{Domain: s.Name, Validated: s.Status == ca.SANCompleted, Status: string(s.Status)})
	}
	return out, nil
}

// FindOrders reads the customer's orders (v2) and keeps those created at or after since with
// o's product, term and common name, then compares each one's CSR. It needs the customer ID.
func (a *Adapter) FindOrders(ctx context.Context, o jstore.CAOrder, since time.Time) ([]jstore.CAOrderID, error) {
	ctx = lane(ctx)
	if a.customerID == "" {
		return nil, &ca.Error{Kind: ca.KindInvalid, Op: "adapter", Message: "reconciling an order needs the customer ID (NewAdapter)"}
	}
	want := certificateTypeOf(ca.ProductType(o.UpstreamType))
	csr, ok := csrDER(o.CSR)
	if !ok {
		return nil, &ca.Error{Kind: ca.KindInvalid, Op: "adapter", Message: "the order's CSR is not PEM"}
	}
	var found []ca.CertificateSummary
	for s, err := range a.c.Customers.All(ctx, a.customerID, ca.ListOptions{}) {
		if err != nil {
			return nil, wrap(err)
		}
		if s.CreatedAt.Before(since) || s.Type != want || s.Period != o.Term || !strings.EqualFold(s.CommonName, o.CommonName) {
			continue
		}
		d, err := a.c.Customers.Get(ctx, a.customerID, s.CertificateID)
		if err != nil {
			return nil, wrap(err)
		}
		if got, ok := csrDER(d.CSR); ok && bytes.Equal(got, csr) {
			found = append(found, s)
		}
	}
	slices.SortStableFunc(found, func(x, y ca.CertificateSummary) int { return x.CreatedAt.Compare(y.CreatedAt) })
	out := make([]jstore.CAOrderID, len(found))
	for i, s := range found {
		out[i] = jstore.CAOrderID(s.CertificateID)
	}
	return out, nil
}

// certificateTypeOf is the v2 spelling of a v1 product type.
func certificateTypeOf(p ca.ProductType) ca.CertificateType {
	switch p {
	case ca.ProductOVCodeSigning:
		return ca.TypeOVCodeSigning
	case ca.ProductOVDriverSigning:
		return ca.TypeOVDriverSigning
	}
	return ca.CertificateType(p)
}

// csrDER decodes a PEM CSR, so that CSRs compare whatever their line breaks.
func csrDER(text string) ([]byte, bool) {
	b, _ := pem.Decode([]byte(strings.TrimSpace(text)))
	if b == nil {
		return nil, false
	}
	return b.Bytes, true
}

// Ping reads one page of one certificate (v2 list with the customer ID, else a v1 read of an
// order that does not exist, whose 404 proves the credentials work).
func (a *Adapter) Ping(ctx context.Context) error {
	ctx = lane(ctx)
	if a.customerID != "" {
		_, err := a.c.Customers.List(ctx, a.customerID, ca.ListOptions{Limit: 1})
		return wrap(err)
	}
	_, err := a.c.Certificates.Get(ctx, "jstore-ping")
	if errors.Is(err, ca.ErrNotFound) {
		return nil
	}
	return wrap(err)
}

// Environment is "production", "OTE", or the base URL of any other API (a simulator).
func (a *Adapter) Environment() string {
	switch u := a.c.BaseURL(); strings.TrimSuffix(u, "/") {
	case ca.Production:
		return "production"
	case ca.OTE:
		return "OTE"
	default:
		return u
	}
}

// VerifyDomainControl asks the CA to look for the DNS record or file now.
func (a *Adapter) VerifyDomainControl(ctx context.Context, id jstore.CAOrderID) error {
	ctx = lane(ctx)
	return wrap(a.c.Certificates.VerifyDomainControl(ctx, string(id)))
}

// ApproverEmails lists the order's e-mails, newest first.
func (a *Adapter) ApproverEmails(ctx context.Context, id jstore.CAOrderID) ([]jstore.CAEmail, error) {
	ctx = lane(ctx)
	h, err := a.c.Emails.History(ctx, string(id))
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]jstore.CAEmail, len(h))
	for i, e := range h {
		out[i] = jstore.CAEmail{ID: e.ID, Template: e.TemplateType, Recipients: e.Recipients, Subject: e.Subject, SentAt: e.DateEntered}
	}
	slices.SortStableFunc(out, func(x, y jstore.CAEmail) int { return y.SentAt.Compare(x.SentAt) })
	return out, nil
}

// ResendEmail sends one of the order's e-mails again.
func (a *Adapter) ResendEmail(ctx context.Context, id jstore.CAOrderID, emailID int64) error {
	ctx = lane(ctx)
	return wrap(a.c.Emails.Resend(ctx, string(id), emailID))
}

// Cancel cancels an order not yet issued.
func (a *Adapter) Cancel(ctx context.Context, id jstore.CAOrderID) error {
	ctx = lane(ctx)
	return wrap(a.c.Certificates.Cancel(ctx, string(id)))
}

// AddApproverAddress adds an approver address to the order; the CA sends its e-mails to it.
func (a *Adapter) AddApproverAddress(ctx context.Context, id jstore.CAOrderID, address string) error {
	ctx = lane(ctx)
	_, err := a.c.Emails.AddAlternateAddress(ctx, string(id), address)
	return wrap(err)
}
