package jstore

import (
	"context"
	"errors"
	"time"
)

// CA is the upstream certificate authority as the workflow sees it. adapter.Adapter implements it
// over GoDaddy's API, and the catest simulator serves that API locally.
//
// Calls that create something (PlaceOrder, Reissue, Renew, Revoke) are sent at most once: an
// error matching ErrCAOutcomeUnknown means the CA may have acted, and the caller reconciles by
// reading the order instead of sending again.
type CA interface {
	PlaceOrder(ctx context.Context, o CAOrder) (CAOrderID, error)
	OrderStatus(ctx context.Context, id CAOrderID) (CAStatus, error)
	Download(ctx context.Context, id CAOrderID) (CABundle, error)
	Reissue(ctx context.Context, id CAOrderID, r CAReissue) error
	Renew(ctx context.Context, id CAOrderID, r CARenewal) error
	Revoke(ctx context.Context, id CAOrderID, reason RevocationReason) error
	SiteSeal(ctx context.Context, id CAOrderID, style SealStyle) (string, error)
	DomainVerifications(ctx context.Context, id CAOrderID) ([]CADomain, error)
	// VerifyDomainControl asks the CA to check the DNS record or file now.
	VerifyDomainControl(ctx context.Context, id CAOrderID) error
	// ApproverEmails lists the e-mails the CA sent about the order, newest first.
	ApproverEmails(ctx context.Context, id CAOrderID) ([]CAEmail, error)
	// ResendEmail sends e-mail emailID of the order again.
	ResendEmail(ctx context.Context, id CAOrderID, emailID int64) error
	// AddApproverAddress sends the order's approval e-mails again, to address as well.
	AddApproverAddress(ctx context.Context, id CAOrderID, address string) error
	// Cancel cancels an order that is not yet issued.
	Cancel(ctx context.Context, id CAOrderID) error
	// FindOrders returns the CA's orders created at or after since that are o: the same
	// product, term, common name and CSR, oldest first. It is how a placement whose answer was
	// lost is reconciled.
	FindOrders(ctx context.Context, o CAOrder, since time.Time) ([]CAOrderID, error)
	// Ping makes the cheapest authenticated call, to learn whether the credentials work.
	Ping(ctx context.Context) error
	// Environment names where the CA is ("production", "OTE", or its URL), for messages.
	Environment() string
}

type interactiveKey struct{}

// interactive marks ctx as a person's request; its CA calls may wait at most wait (0: no
// bound) for the CA's rate budget.
func interactive(ctx context.Context, wait time.Duration) context.Context {
	return context.WithValue(ctx, interactiveKey{}, wait)
}

// Interactive reports whether the Service makes a CA call with ctx for a person who is waiting
// (注文完了, 今すぐ確認, a download…), and how long the call may wait for the CA's rate limit
// (0: no bound). A CA implementation reads it to put the call ahead of background work, and to
// fail one that would wait longer with an error matching ErrCABusy, sending nothing;
// adapter.Adapter does both through the ca client's Budget.
func Interactive(ctx context.Context) (wait time.Duration, ok bool) {
	wait, ok = ctx.Value(interactiveKey{}).(time.Duration)
	return wait, ok
}

// Errors of the CA seam. A CA implementation wraps its own errors so that these match.
var (
	// ErrCAOutcomeUnknown: the CA may have acted on a call whose answer was lost.
	ErrCAOutcomeUnknown = errors.New("jstore: the CA's outcome is unknown")
	// ErrCARefused: the CA refused the request (HTTP 400 or 422); it did not act. Its message
	// is in the error's text.
	ErrCARefused = errors.New("jstore: the CA refused the request")
	// ErrCAConflict: the order's state at the CA does not allow the call (HTTP 409), such as a
	// renewal outside the CA's window; it also matches ErrCARefused.
	ErrCAConflict = errors.New("jstore: the order's state at the CA does not allow it")
	// ErrCAUnavailable: the CA could not be reached, or throttled or failed the call before
	// acting on it; trying again later is safe.
	ErrCAUnavailable = errors.New("jstore: the CA is unavailable")
	// ErrCABusy: a person's call found the CA's rate limit taken for longer than it may wait
	// (see Interactive); nothing was sent. It also matches ErrCAUnavailable.
	ErrCABusy = errors.New("jstore: the CA's rate limit is taken for now")
	// ErrCAUnauthorized: the CA refused the credentials (HTTP 401), or they have no access to
	// certificates (HTTP 403, which also matches ErrCAForbidden).
	ErrCAUnauthorized = errors.New("jstore: the CA refused the credentials")
	ErrCAForbidden    = errors.New("jstore: the credentials have no access to certificates")
)

// CAOrderID is the CA's identifier of an order (GoDaddy's certificateId).
type CAOrderID string

// CAContact is the person the CA writes to about an order.
type CAContact struct {
	FirstName string
	LastName  string
	Email     string
	Phone     string
}

// CAOrder is a new order for the CA.
type CAOrder struct {
	UpstreamType string // the product's CA product type, e.g. "UCC_DV_SSL"
	Term         int    // years
	CSR          string
	CommonName   string
	SANs         []string // multi-domain products
	SANSlots     int      // multi-domain products
	Root         RootOption
	Contact      CAContact
	Organization Organization // OV and EV
	Country      string       // the organisation's ISO country code, e.g. "JP"
	CallbackURL  string
}

// CAState is an order's state, reduced to what the workflow acts on.
type CAState string

// CA states.
const (
	CAPending  CAState = "pending"  // awaiting validation or issuance (a reissue in progress too)
	CAIssued   CAState = "issued"   // a certificate is current
	CARevoked  CAState = "revoked"  // revoked or being revoked
	CACanceled CAState = "canceled" // cancelled before issuance
	CADenied   CAState = "denied"   // refused by vetting
	CAExpired  CAState = "expired"
	CAUnknown  CAState = "unknown" // a status this SDK does not know; Raw says which
)

// CAStatus is an order's state and its current certificate's facts.
type CAStatus struct {
	State        CAState
	Raw          string // the CA's own status value
	SerialHex    string
	NotBefore    time.Time
	NotAfter     time.Time
	RevokedAt    time.Time
	DeniedReason string
}

// CABundle is an issued certificate with its chain, in PEM.
type CABundle struct {
	SerialHex    string
	Certificate  string
	Intermediate string
	Cross        string
	Root         string
}

// CAReissue is a reissue: a new CSR, other SANs (multi-domain) or the other root.
type CAReissue struct {
	CSR              string
	CommonName       string
	SANs             []string
	Root             RootOption
	DelayRevokeHours int // how long the old certificate stays valid after the new one is issued
}

// CARenewal is a renewal of an order inside its window.
type CARenewal struct {
	CSR  string
	SANs []string
	Root RootOption
	Term int
}

// SealStyle picks the site seal's look.
type SealStyle struct {
	Dark bool
	Lang string // "ja" or "en"
}

// CADomain is one domain's validation state at the CA.
type CADomain struct {
	Domain    string
	Validated bool
	Status    string // the CA's own status value
	// Token is the unique ID (固有ID) the CA looks for in the domain's TXT record or
	// pki-validation file; empty when the CA does not say.
	Token string
}

// CAEmail is one e-mail the CA sent about an order.
type CAEmail struct {
	ID         int64
	Template   string // the CA's template type
	Recipients string
	Subject    string
	SentAt     time.Time
}
