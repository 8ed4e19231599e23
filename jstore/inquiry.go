package jstore

import "time"

// RevocationReason is why a customer asks to revoke; the values are the CA's wire spelling.
type RevocationReason string

// Revocation reasons.
const (
	ReasonAffiliationChanged   RevocationReason = "AFFILIATION_CHANGED"
	ReasonCessationOfOperation RevocationReason = "CESSATION_OF_OPERATION"
	ReasonKeyCompromise        RevocationReason = "KEY_COMPROMISE"
	ReasonPrivilegeWithdrawn   RevocationReason = "PRIVILEGE_WITHDRAWN"
	ReasonSuperseded           RevocationReason = "SUPERSEDED"
	maxInquiryMessage                           = 4000
)

func (r RevocationReason) valid() bool {
	switch r {
	case ReasonAffiliationChanged, ReasonCessationOfOperation, ReasonKeyCompromise, ReasonPrivilegeWithdrawn, ReasonSuperseded:
		return true
	}
	return false
}

// InquiryStatus is where a revocation inquiry stands.
type InquiryStatus string

// Inquiry statuses.
const (
	InquiryOpen     InquiryStatus = "open"
	InquiryRevoked  InquiryStatus = "revoked"  // staff revoked the certificate
	InquiryDeclined InquiryStatus = "declined" // staff closed it without revoking
)

// Inquiry is a customer's revocation request (お問い合わせ); staff act on it by hand.
type Inquiry struct {
	ID          InquiryID
	Account     AccountID
	Certificate CertificateID
	Reason      RevocationReason
	Message     string
	Status      InquiryStatus
	StaffNote   string
	CreatedAt   time.Time
	ResolvedAt  time.Time
	Version     int64
}
