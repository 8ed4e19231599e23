package ca

// CreateRequest is the body of create and validate (CertificateCreate). Contact, CSR, Period
// and ProductType are required.
type CreateRequest struct {
	CallbackURL             string              `json:"callbackUrl,omitzero"`
	CommonName              string              `json:"commonName,omitzero"` // overrides the CSR's CN
	Contact                 Contact             `json:"contact"`
	CSR                     string              `json:"csr"`
	IntelVPro               bool                `json:"intelVPro,omitzero"` // OV only
	Organization            *OrganizationCreate `json:"organization,omitzero"`
	Period                  int                 `json:"period"` // years
	ProductType             ProductType         `json:"productType"`
	RootType                RootType            `json:"rootType,omitzero"`
	SlotSize                SlotSize            `json:"slotSize,omitzero"` // UCC only
	SubjectAlternativeNames []string            `json:"subjectAlternativeNames,omitzero"`
}

// ReissueRequest is the body of reissue (CertificateReissue). Every field is optional: an empty
// CSR keeps the existing one, a new CSR is a rekey.
type ReissueRequest struct {
	CallbackURL             string   `json:"callbackUrl,omitzero"`
	CommonName              string   `json:"commonName,omitzero"`
	CSR                     string   `json:"csr,omitzero"`
	DelayExistingRevoke     *int     `json:"delayExistingRevoke,omitzero"` // hours, at most 168; nil leaves the CA's default
	RootType                RootType `json:"rootType,omitzero"`
	SubjectAlternativeNames []string `json:"subjectAlternativeNames,omitzero"` // UCC only
	ForceDomainRevetting    []string `json:"forceDomainRevetting,omitzero"`    // "*" for every domain
}

// MaxDelayExistingRevoke is the largest delayExistingRevoke the API accepts, in hours.
const MaxDelayExistingRevoke = 168

// RenewRequest is the body of renew (CertificateRenew). A SAN left out of
// SubjectAlternativeNames is removed from the renewed certificate.
type RenewRequest struct {
	CallbackURL             string   `json:"callbackUrl,omitzero"`
	CommonName              string   `json:"commonName,omitzero"`
	CSR                     string   `json:"csr,omitzero"`
	Period                  int      `json:"period,omitzero"`
	RootType                RootType `json:"rootType,omitzero"`
	SubjectAlternativeNames []string `json:"subjectAlternativeNames,omitzero"`
}

// RevokeRequest is the body of revoke.
type RevokeRequest struct {
	Reason RevokeReason `json:"reason"`
}

// SiteSealOptions are the query parameters of the site seal; empty fields are left out so that
// an existing seal keeps its settings.
type SiteSealOptions struct {
	Theme  Theme
	Locale string
}

// CertificateIdentifier is create's answer.
type CertificateIdentifier struct {
	CertificateID string `json:"certificateId"`
}

// OrganizationCreate is the organisation of a new order (OV and EV): the fields the API's
// CertificateOrganizationCreate accepts. An order's Organization, as the API answers it, also
// carries jurisdictionOfIncorporation, which a create may not send.
type OrganizationCreate struct {
	Name               string   `json:"name"`
	Phone              string   `json:"phone"`
	Address            *Address `json:"address,omitzero"`
	AssumedName        string   `json:"assumedName,omitzero"`        // EV: doing business as
	RegistrationAgent  string   `json:"registrationAgent,omitzero"`  // EV
	RegistrationNumber string   `json:"registrationNumber,omitzero"` // EV
}
