package jstore

import "time"

// CertificateStatus is the state of a certificate lineage.
type CertificateStatus string

// Certificate statuses.
const (
	CertIssued   CertificateStatus = "issued"
	CertRevoked  CertificateStatus = "revoked"
	CertReplaced CertificateStatus = "replaced" // a carried-over new order took its place
)

// Certificate is one purchased certificate: a lineage with a stable ID and seal that survives
// reissue and renewal, holding the current X.509 material. The subscription end (what the
// customer paid for) and the certificate's notAfter are kept apart, because from 2026 one
// subscription is served by several successive certificates.
type Certificate struct {
	ID          CertificateID
	Account     AccountID
	SealID      string // stable across reissue and renewal
	ProductCode string
	Status      CertificateStatus

	CommonName   string
	SANs         []string
	SANSlots     int
	Organization Organization
	Root         RootOption

	SerialHex string
	PEM       string // the leaf certificate
	ChainPEM  string // the intermediates the CA gave with it, as a server sends them
	NotBefore time.Time
	NotAfter  time.Time
	// SubscriptionStart and SubscriptionEnd bound the paid coverage.
	SubscriptionStart time.Time
	SubscriptionEnd   time.Time
	// ValidatedAt is when the domains were last validated, for the reuse limit.
	ValidatedAt time.Time

	// LockedBy is the renewal application in the cart that locks this certificate.
	LockedBy ApplicationID
	// Replaces and ReplacedBy link the lineage: renewals keep the ID, while a carried-over new
	// order makes a new lineage that replaces this one.
	Replaces   CertificateID
	ReplacedBy CertificateID
	// OpenReissue is the reissue application in progress, if any.
	OpenReissue ApplicationID
	// CAOrderID is the CA's order that serves the lineage (a renewal may move it to another).
	CAOrderID CAOrderID
	// DCV and ApproverEmail are how the domains were last validated, for the next reissue.
	DCV           DCVMethod
	ApproverEmail string
	// Application is the application of the current issuance; Order the paid order behind it
	// (a reissue keeps the order it was reissued under); Issuer the issuing CA's name.
	Application ApplicationID
	Order       OrderID
	Issuer      string
	// Deployments are where the lineage is served (AddDeployTarget) and what Sync deployed
	// there (WithDeployers).
	Deployments []Deployment

	CreatedAt time.Time
	Version   int64
}

// Locked reports whether a renewal in the cart locks the certificate.
func (c Certificate) Locked() bool { return c.LockedBy != "" }

// Active reports whether the certificate may still be managed or renewed.
func (c Certificate) Active() bool { return c.Status == CertIssued }

// Renewable reports whether the certificate is one CountRenewable counts and ListRenewable
// lists: issued, unlocked and not replaced by a renewal.
func (c Certificate) Renewable() bool { return c.Active() && !c.Locked() && c.ReplacedBy == "" }
