package ca

import "time"

// CertificateSummary is one item of the v2 customer list.
type CertificateSummary struct {
	CertificateID           string          `json:"certificateId"`
	CommonName              string          `json:"commonName"`
	Period                  int             `json:"period"`
	Type                    CertificateType `json:"type"`
	Status                  Status          `json:"status"`
	CreatedAt               time.Time       `json:"createdAt"`
	CompletedAt             time.Time       `json:"completedAt,omitzero"`
	ValidStartAt            time.Time       `json:"validStartAt,omitzero"`
	ValidEndAt              time.Time       `json:"validEndAt,omitzero"`
	RevokedAt               time.Time       `json:"revokedAt,omitzero"`
	RenewalAvailable        bool            `json:"renewalAvailable,omitzero"`
	SerialNumber            string          `json:"serialNumber,omitzero"`
	SlotSize                SlotSize        `json:"slotSize,omitzero"`
	SubjectAlternativeNames []string        `json:"subjectAlternativeNames,omitzero"`
}

// CertificateDetail is the v2 detail of one certificate.
type CertificateDetail struct {
	CertificateSummary
	Contact         Contact       `json:"contact"`
	Organization    *Organization `json:"organization,omitzero"`
	CSR             string        `json:"csr,omitzero"`
	RootType        RootType      `json:"rootType,omitzero"`
	DeniedReason    string        `json:"deniedReason,omitzero"`
	Progress        int           `json:"progress,omitzero"`
	SerialNumberHex string        `json:"serialNumberHex,omitzero"`
}

// CertificatePage is one page of the v2 list.
type CertificatePage struct {
	Certificates []CertificateSummary `json:"certificates"`
	Pagination   Pagination           `json:"pagination"`
}

// Pagination holds the links between pages; the client follows Next.
type Pagination struct {
	First    string `json:"first,omitzero"`
	Previous string `json:"previous,omitzero"`
	Next     string `json:"next,omitzero"`
	Last     string `json:"last,omitzero"`
	Total    int    `json:"total,omitzero"`
}

// ListOptions are the v2 list's query parameters; zero values are left out. MaxPages is not
// sent: it caps how many pages [CustomersService.All] reads (0 means [DefaultMaxPages]).
type ListOptions struct {
	Offset   int
	Limit    int
	MaxPages int
}

// DefaultMaxPages is how many pages All reads before it stops with ErrBadResponse: a CA (or
// something posing as one) that hands out ever new next links cannot keep a caller reading.
const DefaultMaxPages = 1000

// DomainVerification is the verification state of one domain of a certificate (v2).
type DomainVerification struct {
	Domain         string           `json:"domain"`
	DomainEntityID int64            `json:"domainEntityId"`
	Status         DomainStatus     `json:"status"`
	Type           VerificationType `json:"type"`
	Usage          DomainUsage      `json:"usage"`
	CreatedAt      time.Time        `json:"createdAt"`
	ModifiedAt     time.Time        `json:"modifiedAt"`
	DCEToken       string           `json:"dceToken,omitzero"`
}

// DomainVerificationDetail adds the CAA check to a domain's verification state.
type DomainVerificationDetail struct {
	DomainVerification
	CAA *CAACheck `json:"certificateAuthorityAuthorization,omitzero"`
}

// CAACheck is the CA's CAA lookup for a domain.
type CAACheck struct {
	Status          CAAStatus           `json:"status"`
	QueryPaths      []string            `json:"queryPaths,omitzero"`
	Recommendations []CAARecommendation `json:"recommendations,omitzero"`
	CompletedAt     time.Time           `json:"completedAt,omitzero"`
}
