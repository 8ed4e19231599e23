package ca

import "slices"

// The API's enumerations are typed strings with the wire spelling, misspellings included
// (FOURTY, ADMINSTRATOR). A value the API adds later still decodes; Known reports it.

// ProductType is the v1 productType. Its constants are Product…; the v2 CertificateType's are
// Type… with the same names after the prefix.
type ProductType string

// Product types.
const (
	ProductDVSSL           ProductType = "DV_SSL"
	ProductDVWildcardSSL   ProductType = "DV_WILDCARD_SSL"
	ProductEVSSL           ProductType = "EV_SSL"
	ProductOVCodeSigning   ProductType = "OV_CS"
	ProductOVDriverSigning ProductType = "OV_DS"
	ProductOVSSL           ProductType = "OV_SSL"
	ProductOVWildcardSSL   ProductType = "OV_WILDCARD_SSL"
	ProductUCCDVSSL        ProductType = "UCC_DV_SSL"
	ProductUCCEVSSL        ProductType = "UCC_EV_SSL"
	ProductUCCOVSSL        ProductType = "UCC_OV_SSL"
)

var productTypes = []ProductType{ProductDVSSL, ProductDVWildcardSSL, ProductEVSSL, ProductOVCodeSigning, ProductOVDriverSigning, ProductOVSSL, ProductOVWildcardSSL, ProductUCCDVSSL, ProductUCCEVSSL, ProductUCCOVSSL}

// Known reports whether p is a value the specification lists.
func (p ProductType) Known() bool { return slices.Contains(productTypes, p) }

// UCC reports whether the product is multi-domain and so takes a slot size.
func (p ProductType) UCC() bool {
	return p == ProductUCCDVSSL || p == ProductUCCOVSSL || p == ProductUCCEVSSL
}

// RootType is the chain a certificate is issued under.
type RootType string

// Root types. Create defaults to StarfieldSHA2; reissue and renew default to GoDaddySHA1 in the
// specification, so the client always sends the root it means.
const (
	GoDaddySHA1   RootType = "GODADDY_SHA_1"
	GoDaddySHA2   RootType = "GODADDY_SHA_2"
	StarfieldSHA1 RootType = "STARFIELD_SHA_1"
	StarfieldSHA2 RootType = "STARFIELD_SHA_2"
)

var rootTypes = []RootType{GoDaddySHA1, GoDaddySHA2, StarfieldSHA1, StarfieldSHA2}

// Known reports whether r is a value the specification lists.
func (r RootType) Known() bool { return slices.Contains(rootTypes, r) }

// SlotSize is the number of SAN slots of a UCC product.
type SlotSize string

// Slot sizes.
const (
	SlotsFive       SlotSize = "FIVE"
	SlotsTen        SlotSize = "TEN"
	SlotsFifteen    SlotSize = "FIFTEEN"
	SlotsTwenty     SlotSize = "TWENTY"
	SlotsThirty     SlotSize = "THIRTY"
	SlotsForty      SlotSize = "FOURTY" // sic: the wire spelling
	SlotsFifty      SlotSize = "FIFTY"
	SlotsOneHundred SlotSize = "ONE_HUNDRED"
)

var slotSizes = []SlotSize{SlotsFive, SlotsTen, SlotsFifteen, SlotsTwenty, SlotsThirty, SlotsForty, SlotsFifty, SlotsOneHundred}

var slotCounts = []int{5, 10, 15, 20, 30, 40, 50, 100}

// Known reports whether s is a value the specification lists.
func (s SlotSize) Known() bool { return slices.Contains(slotSizes, s) }

// Count is the number of names the size allows, or 0 for an unknown size.
func (s SlotSize) Count() int {
	if i := slices.Index(slotSizes, s); i >= 0 {
		return slotCounts[i]
	}
	return 0
}

// SlotSizeFor returns the size for n slots; ok is false when no size holds exactly n.
func SlotSizeFor(n int) (SlotSize, bool) {
	if i := slices.Index(slotCounts, n); i >= 0 {
		return slotSizes[i], true
	}
	return "", false
}

// Status is a certificate's status. The API also returns values the specification does not list
// (CURRENT, RENEWAL_PENDING_ISSUANCE, REVOKED_UPON_ISSUANCE); they decode and are not Known.
type Status string

// Certificate statuses.
const (
	StatusPendingIssuance   Status = "PENDING_ISSUANCE"
	StatusIssued            Status = "ISSUED"
	StatusRevoked           Status = "REVOKED"
	StatusCanceled          Status = "CANCELED"
	StatusDenied            Status = "DENIED"
	StatusPendingRevocation Status = "PENDING_REVOCATION"
	StatusPendingRekey      Status = "PENDING_REKEY"
	StatusUnused            Status = "UNUSED"
	StatusExpired           Status = "EXPIRED"
)

var statuses = []Status{StatusPendingIssuance, StatusIssued, StatusRevoked, StatusCanceled, StatusDenied, StatusPendingRevocation, StatusPendingRekey, StatusUnused, StatusExpired}

// Known reports whether s is a value the specification lists.
func (s Status) Known() bool { return slices.Contains(statuses, s) }

// SANStatus is the validation status of one subject alternative name.
type SANStatus string

// SAN statuses.
const (
	SANPending   SANStatus = "PENDING"
	SANInvalid   SANStatus = "INVALID"
	SANCompleted SANStatus = "COMPLETED"
	SANFraud     SANStatus = "FRAUD"
)

var sanStatuses = []SANStatus{SANPending, SANInvalid, SANCompleted, SANFraud}

// Known reports whether s is a value the specification lists.
func (s SANStatus) Known() bool { return slices.Contains(sanStatuses, s) }

// ActionType is the type of a stateful action (the callback payload).
type ActionType string

// Action types.
const (
	ActionIssued          ActionType = "CERTIFICATE_ISSUED"
	ActionOrderCanceled   ActionType = "CERTIFICATE_ORDER_CANCELED"
	ActionOrderCreated    ActionType = "CERTIFICATE_ORDER_CREATED"
	ActionRevoked         ActionType = "CERTIFICATE_REVOKED"
	ActionDomainValidated ActionType = "DOMAIN_VALIDATION_COMPLETE"
	ActionFraudDetected   ActionType = "FRAUD_DETECTED"
	ActionOrgNameChange   ActionType = "ORG_NAME_CHANGE"
	ActionOrgValidated    ActionType = "ORG_VALIDATION_COMPLETE"
	ActionSANDrop         ActionType = "SAN_DROP"
)

var actionTypes = []ActionType{ActionIssued, ActionOrderCanceled, ActionOrderCreated, ActionRevoked, ActionDomainValidated, ActionFraudDetected, ActionOrgNameChange, ActionOrgValidated, ActionSANDrop}

// Known reports whether a is a value the specification lists.
func (a ActionType) Known() bool { return slices.Contains(actionTypes, a) }

// RevokeReason is why a certificate is revoked.
type RevokeReason string

// Revocation reasons the API accepts.
const (
	ReasonAffiliationChanged   RevokeReason = "AFFILIATION_CHANGED"
	ReasonCessationOfOperation RevokeReason = "CESSATION_OF_OPERATION"
	ReasonKeyCompromise        RevokeReason = "KEY_COMPROMISE"
	ReasonPrivilegeWithdrawn   RevokeReason = "PRIVILEGE_WITHDRAWN"
	ReasonSuperseded           RevokeReason = "SUPERSEDED"
)

var revokeReasons = []RevokeReason{ReasonAffiliationChanged, ReasonCessationOfOperation, ReasonKeyCompromise, ReasonPrivilegeWithdrawn, ReasonSuperseded}

// Known reports whether r is a value the specification lists.
func (r RevokeReason) Known() bool { return slices.Contains(revokeReasons, r) }

// Theme is the site seal's colour theme.
type Theme string

// Site seal themes.
const (
	ThemeLight Theme = "LIGHT"
	ThemeDark  Theme = "DARK"
)

// Known reports whether t is a value the specification lists.
func (t Theme) Known() bool { return t == ThemeLight || t == ThemeDark }

// CertificateType is the v2 spelling of the product (OV_CODE_SIGNING where v1 says OV_CS).
type CertificateType string

// v2 certificate types.
const (
	TypeDVSSL           CertificateType = "DV_SSL"
	TypeDVWildcardSSL   CertificateType = "DV_WILDCARD_SSL"
	TypeEVSSL           CertificateType = "EV_SSL"
	TypeOVCodeSigning   CertificateType = "OV_CODE_SIGNING"
	TypeOVDriverSigning CertificateType = "OV_DRIVER_SIGNING"
	TypeOVSSL           CertificateType = "OV_SSL"
	TypeOVWildcardSSL   CertificateType = "OV_WILDCARD_SSL"
	TypeUCCDVSSL        CertificateType = "UCC_DV_SSL"
	TypeUCCEVSSL        CertificateType = "UCC_EV_SSL"
	TypeUCCOVSSL        CertificateType = "UCC_OV_SSL"
)

var certificateTypes = []CertificateType{TypeDVSSL, TypeDVWildcardSSL, TypeEVSSL, TypeOVCodeSigning, TypeOVDriverSigning, TypeOVSSL, TypeOVWildcardSSL, TypeUCCDVSSL, TypeUCCEVSSL, TypeUCCOVSSL}

// Known reports whether t is a value the specification lists.
func (t CertificateType) Known() bool { return slices.Contains(certificateTypes, t) }

// DomainStatus is the verification status of one domain (v2).
type DomainStatus string

// Domain verification statuses. The specification's text also says REVOKED_CERT for
// REVOKED_CERTIFICATE; both are Known.
const (
	DomainCompleted          DomainStatus = "COMPLETED"
	DomainFailed             DomainStatus = "FAILED_VERIFICATION"
	DomainVerifiedFraud      DomainStatus = "VERIFIED_POSSIBLE_FRAUD"
	DomainDropped            DomainStatus = "DROPPED"
	DomainDroppedCAA         DomainStatus = "DROPPED_CERTIFICATE_AUTHORITY_AUTHORIZATION"
	DomainDroppedSafeBrowse  DomainStatus = "DROPPED_GOOGLE_SAFE_BROWSING"
	DomainInvalid            DomainStatus = "INVALID"
	DomainAwaiting           DomainStatus = "AWAITING"
	DomainPendingFraud       DomainStatus = "PENDING_POSSIBLE_FRAUD"
	DomainRevokedCertificate DomainStatus = "REVOKED_CERTIFICATE"
	DomainRevokedCert        DomainStatus = "REVOKED_CERT"
)

var domainStatuses = []DomainStatus{DomainCompleted, DomainFailed, DomainVerifiedFraud, DomainDropped, DomainDroppedCAA, DomainDroppedSafeBrowse, DomainInvalid, DomainAwaiting, DomainPendingFraud, DomainRevokedCertificate, DomainRevokedCert}

// Known reports whether s is a value the specification lists.
func (s DomainStatus) Known() bool { return slices.Contains(domainStatuses, s) }

// DomainUsage says whether a domain is the common name or a SAN.
type DomainUsage string

// Domain usages.
const (
	UsageCommonName DomainUsage = "COMMON_NAME"
	UsageSAN        DomainUsage = "SUBJECT_ALTERNATIVE_NAME"
)

// Known reports whether u is a value the specification lists.
func (u DomainUsage) Known() bool { return u == UsageCommonName || u == UsageSAN }

// VerificationType is how a domain was (or is to be) verified.
type VerificationType string

// Verification types, with the specification's spelling.
const (
	VerifyDomainControlEmail        VerificationType = "DOMAIN_CONTROL_EMAIL"
	VerifyAutoAdmin                 VerificationType = "AUTO_GENERATED_DOMAIN_ACCESS_EMAIL_ADMIN"
	VerifyAutoAdministrator         VerificationType = "AUTO_GENERATED_DOMAIN_ACCESS_EMAIL_ADMINSTRATOR" // sic
	VerifyAutoHostMaster            VerificationType = "AUTO_GENERATED_DOMAIN_ACCESS_EMAIL_HOST_MASTER"
	VerifyAutoPostMaster            VerificationType = "AUTO_GENERATED_DOMAIN_ACCESS_EMAIL_POST_MASTER"
	VerifyAutoWebMaster             VerificationType = "AUTO_GENERATED_DOMAIN_ACCESS_EMAIL_WEB_MASTER"
	VerifyDomainAccessEmail         VerificationType = "DOMAIN_ACCESS_EMAIL"
	VerifyDomainAccessLetter        VerificationType = "DOMAIN_ACCESS_LETTER"
	VerifyDomainZoneControl         VerificationType = "DOMAIN_ZONE_CONTROL"
	VerifyManualDomainAccessEmail   VerificationType = "MANUAL_DOMAIN_ACCESS_EMAIL"
	VerifyPreviousDomainAccessEmail VerificationType = "PREVIOUS_DOMAIN_ACCESS_EMAIL"
	VerifyRADomainAccessLetter      VerificationType = "REGISTRATION_AUTHORITY_DOMAIN_ACCESS_LETTER"
	VerifyRADomainZoneControl       VerificationType = "REGISTRATION_AUTHORITY_DOMAIN_ZONE_CONTROL"
	VerifyRAOverride                VerificationType = "REGISTRATION_AUTHORITY_OVERRIDE"
	VerifyRAWebsiteControl          VerificationType = "REGISTRATION_AUTHORITY_WEBSITE_CONTROL"
	VerifyCustomerOwned             VerificationType = "CUSTOMER_OWNED"
	VerifyWebsiteControl            VerificationType = "WEBSITE_CONTROL"
)

var verificationTypes = []VerificationType{VerifyDomainControlEmail, VerifyAutoAdmin, VerifyAutoAdministrator, VerifyAutoHostMaster, VerifyAutoPostMaster, VerifyAutoWebMaster, VerifyDomainAccessEmail, VerifyDomainAccessLetter, VerifyDomainZoneControl, VerifyManualDomainAccessEmail, VerifyPreviousDomainAccessEmail, VerifyRADomainAccessLetter, VerifyRADomainZoneControl, VerifyRAOverride, VerifyRAWebsiteControl, VerifyCustomerOwned, VerifyWebsiteControl}

// Known reports whether v is a value the specification lists.
func (v VerificationType) Known() bool { return slices.Contains(verificationTypes, v) }

// CAAStatus is the outcome of the CAA check for a domain.
type CAAStatus string

// CAA statuses.
const (
	CAAPending            CAAStatus = "PENDING"
	CAARemovedDNSError    CAAStatus = "REMOVED_DNS_ERROR"
	CAARemovedDNSSEC      CAAStatus = "REMOVED_DNSSEC_ENABLED"
	CAARemovedNotFoundCA  CAAStatus = "REMOVED_NOT_FOUND_CA"
	CAARemovedCriticalTag CAAStatus = "REMOVED_UNKNOWN_CRITICAL_TAG"
	CAASuccess            CAAStatus = "SUCCESS_CAA"
	CAASuccessDNSSEC      CAAStatus = "SUCCESS_DNSSEC"
)

var caaStatuses = []CAAStatus{CAAPending, CAARemovedDNSError, CAARemovedDNSSEC, CAARemovedNotFoundCA, CAARemovedCriticalTag, CAASuccess, CAASuccessDNSSEC}

// Known reports whether s is a value the specification lists.
func (s CAAStatus) Known() bool { return slices.Contains(caaStatuses, s) }

// CAARecommendation is advice on fixing a domain's CAA records.
type CAARecommendation string

// CAA recommendations.
const (
	CAAAddCA          CAARecommendation = "ADD_CA_TO_CAA"
	CAACreateTarget   CAARecommendation = "CREATE_TARGET_DOMAIN_CAA"
	CAADisableDNSSEC  CAARecommendation = "DISABLE_DNSSEC"
	CAAFixCriticalTag CAARecommendation = "FIX_CRITICAL_TAG"
	CAAValidateSOA    CAARecommendation = "VALIDATE_SOA"
)

var caaRecommendations = []CAARecommendation{CAAAddCA, CAACreateTarget, CAADisableDNSSEC, CAAFixCriticalTag, CAAValidateSOA}

// Known reports whether r is a value the specification lists.
func (r CAARecommendation) Known() bool { return slices.Contains(caaRecommendations, r) }
