package jstore

import "time"

// EventType names a state change.
type EventType string

// Event types.
const (
	EventAccountRegistered  EventType = "account.registered"
	EventLoginIDChanged     EventType = "account.login_id_changed"
	EventPasswordChanged    EventType = "account.password_changed"
	EventCustomerUpdated    EventType = "account.customer_updated"
	EventContractChanged    EventType = "account.contract_changed"
	EventApplicationStarted EventType = "application.started"
	EventStep1Registered    EventType = "application.step1"
	EventStep2Registered    EventType = "application.step2"
	EventApplicationRemoved EventType = "application.removed"
	EventApplicationConvert EventType = "application.converted_to_new"
	// EventApplicationCancelled closes an ordered application; Detail has "reason" and, for a
	// paid one, "refund" (yen excluding tax) and the order.
	EventApplicationCancelled EventType = "application.cancelled"
	EventOrderCompleted       EventType = "order.completed"
	EventCertificateIssued    EventType = "certificate.issued"
	EventCertificateRenewed   EventType = "certificate.renewed"
	EventCertificateReissued  EventType = "certificate.reissued"
	EventCertificateReplaced  EventType = "certificate.replaced"
	EventCertificateLocked    EventType = "certificate.locked"
	EventCertificateUnlocked  EventType = "certificate.unlocked"
	EventReissueRequested     EventType = "certificate.reissue_requested"
	EventRevocationRequested  EventType = "certificate.revocation_requested"
	EventInquiryResolved      EventType = "inquiry.resolved"
	EventCertificateRevoked   EventType = "certificate.revoked"
	// Fulfilment through the CA.
	EventCAOrderPlaced    EventType = "ca.order_placed"     // Detail: ca_order, attempt
	EventCADuplicateOrder EventType = "ca.duplicate_order"  // Detail: kept, duplicate; staff must cancel one
	EventOrderLineVoided  EventType = "order.line_voided"   // the CA did not act; Detail: reason, refund
	EventIssuanceFlagged  EventType = "ca.issuance_flagged" // Detail: reason, code (FlagError.Code); nothing was recorded
	EventCAStateChanged   EventType = "ca.state_changed"    // Detail: state, reason
	// EventCertificateDelivered: the certificate was handed over; Detail: format, by, serial.
	EventCertificateDelivered EventType = "certificate.delivered"
	// Automatic domain validation (WithPublishers).
	EventDCVPublished           EventType = "dcv.published"            // Detail: domain, method, zone, name
	EventDCVPublishFailed       EventType = "dcv.publish_failed"       // Detail: domain, method, code, error
	EventDCVValidationRequested EventType = "dcv.validation_requested" // the CA was asked to validate
	EventDCVRemoved             EventType = "dcv.removed"              // Detail: domain, method, zone, name
	EventDCVWaiting             EventType = "dcv.waiting"              // the customer must validate; Detail: method, since
)

// Event is one entry of the append-only history. Seq is assigned by the Store and increases
// with every append.
type Event struct {
	Seq         int64
	Account     AccountID
	At          time.Time
	Type        EventType
	Application ApplicationID
	Certificate CertificateID
	Order       OrderID
	Inquiry     InquiryID
	Detail      map[string]string
}
