package jstore

import (
	"time"

	"github.com/jstore-sdk/sdk/dcv"
)

// ApplicationKind says what an application asks for.
type ApplicationKind string

// Application kinds.
const (
	AppNew     ApplicationKind = "new"     // 新規
	AppRenewal ApplicationKind = "renewal" // 更新
	AppReissue ApplicationKind = "reissue" // 再発行
)

// ApplicationStatus is where an application stands.
type ApplicationStatus string

// Application statuses, in flow order. The CA issue's flow continues past Ordered.
const (
	StatusProductSelected ApplicationStatus = "product_selected" // 商品選択済
	StatusInfoRegistered  ApplicationStatus = "info_registered"  // 登録済み（訂正）: orderable, still editable
	StatusOrdered         ApplicationStatus = "ordered"          // 注文完了
	StatusIssued          ApplicationStatus = "issued"           // the certificate was recorded
	// StatusCancelled closes an ordered application that can no longer be issued (its
	// certificate was revoked); the history records why, and the refund due for a paid one.
	StatusCancelled ApplicationStatus = "cancelled"
)

// DCVMethod is how domain control is validated.
type DCVMethod string

// DCV methods (申請情報入力2).
const (
	DCVEmail DCVMethod = "email" // 認証メール to a constructed approver address
	DCVDNS   DCVMethod = "dns"   // 固有ID in a DNS TXT record
	DCVFile  DCVMethod = "file"  // 固有ID in /.well-known/pki-validation/ (not for wildcards)
)

// RootOption is the chain the certificate is issued under.
type RootOption string

// Root options (ルートオプション).
const (
	RootStarfield RootOption = "starfield"
	RootGoDaddy   RootOption = "godaddy"
)

// Organization is the end-user organisation (エンドユーザー組織). A renewal must keep
// Name, Address, PostalCode and Phone.
type Organization struct {
	Name       string
	Address    string
	PostalCode string
	Phone      string
}

// Application is one 申請: a new certificate, a renewal or a reissue, moving through the two
// input steps into an order.
type Application struct {
	ID      ApplicationID
	Account AccountID
	Kind    ApplicationKind
	Status  ApplicationStatus

	ProductCode string
	Term        int // years; zero for a reissue
	SANSlots    int // multi-domain products only

	// Step 1 (CSR and SANs). Step1Done is set once the CSR passed the checker.
	Step1Done    bool
	CSR          string
	CommonName   string
	SANs         []string
	Organization Organization
	// CSRWarnings are what the checker noted without refusing (a SHA-1 self-signature, an OU),
	// for the panel to show.
	CSRWarnings []Problem

	// Step 2 (DCV and root).
	DCV           DCVMethod
	ApproverEmail string
	Root          RootOption

	// Certificate is the lineage this application renews, reissues or replaces; once a new
	// application is issued, the lineage it started. IssuedCertificate says which certificate
	// an application produced.
	Certificate CertificateID
	// CarryOver is set on a new application that replaces a certificate so that no paid days
	// are lost (更新要件 7(ウ)).
	CarryOver bool
	Order     OrderID

	// Fulfilment through the CA (WithCA). CAOrderID is the CA's order once placed; Placement
	// records each attempt before the call, so that a lost answer or a crash is reconciled by
	// reading the CA, never ordered twice. Sync asks the CA about an ordered application at
	// NextCheck, backing off with Checks. Flag says why Sync refused what the CA issued: staff
	// must look, and nothing was recorded.
	CAOrderID CAOrderID
	Placement Placement
	NextCheck time.Time
	Checks    int
	Flag      string
	// Published is what Sync published for the CA's domain validation (WithPublishers), each
	// kept before it is published and until it is removed, so that nothing is left behind, also
	// after a crash; ValidationAsked is when Sync last asked the CA to validate.
	Published       []dcv.Publication
	ValidationAsked time.Time
	// CallbackAt is when the CA's callback about this order first reached CallbackHandler:
	// from then on Sync reads the order only as a safety net (WithCallbackPolling), and at once
	// after each callback.
	CallbackAt time.Time
	// WaitingNoticeAt is when Sync told the customer that the order waits for their domain
	// validation (WithDCVWaitNotice), once per application.
	WaitingNoticeAt time.Time

	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int64
}

// IssuedCertificate returns the certificate lineage the application produced, once it is
// StatusIssued, and "" before: for a new application the lineage it started, for a renewal or
// a reissue the lineage it renewed or reissued. Read the certificate with
// [Service.GetCertificate]; a later reissue of the lineage replaces its current certificate.
func (a Application) IssuedCertificate() CertificateID {
	if a.Status != StatusIssued {
		return ""
	}
	return a.Certificate
}

// SyncDue is when Sync next acts on the application, and false when it never will by itself: an
// ordered application not yet placed is due at once (or when another process's right to place
// it lapses), a placed one at NextCheck; one not ordered, or flagged for staff, is not due.
// Stores that list due applications ([DueLister]) index it.
func (a Application) SyncDue() (time.Time, bool) {
	switch {
	case a.Status != StatusOrdered || a.Flag != "":
		return time.Time{}, false
	case a.CAOrderID != "":
		return a.NextCheck, true
	case a.Placement.Owner != "":
		return a.Placement.Until, true
	}
	return time.Time{}, true
}

// InCart reports whether the application is a cart item not yet ordered.
func (a Application) InCart() bool {
	return a.Kind != AppReissue && (a.Status == StatusProductSelected || a.Status == StatusInfoRegistered)
}

// Selection is the product choice that starts an application.
type Selection struct {
	ProductCode string
	Term        int
	SANSlots    int // only for multi-domain products; zero otherwise
}

// Step1 is 申請情報入力1: the pasted CSR, the SANs (multi-domain only) and the end-user
// organisation.
type Step1 struct {
	CSR          string
	SANs         []string
	Organization Organization
}

// Step2 is 申請情報入力2: the DCV method and the root option.
type Step2 struct {
	DCV           DCVMethod
	ApproverEmail string // DCVEmail only
	Root          RootOption
}

// Placement is the record of ordering an application from the CA. It is written before every
// call that could create an upstream order, and holds that right for one process (Owner) until
// Until, so two processes never place the same application at once.
type Placement struct {
	Attempts  int       // calls started; more than zero without a CAOrderID means "reconcile first"
	FirstAt   time.Time // when the first attempt was recorded: the CA's order is no older
	Owner     string    // the Service instance holding the right to act
	Until     time.Time // when the right lapses, should its holder have died
	LastError string    // why the last attempt did not end with an order ID
}
