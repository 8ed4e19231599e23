package ca

import (
	"errors"
	"time"
)

// Certificate is an order and its certificate as GET /v1/certificates/{certificateId} returns
// them.
type Certificate struct {
	CertificateID           string                   `json:"certificateId"`
	CommonName              string                   `json:"commonName,omitzero"`
	Contact                 Contact                  `json:"contact"`
	CreatedAt               time.Time                `json:"createdAt"`
	DeniedReason            string                   `json:"deniedReason,omitzero"`
	Organization            *Organization            `json:"organization,omitzero"`
	Period                  int                      `json:"period"`
	ProductType             ProductType              `json:"productType"`
	Progress                int                      `json:"progress,omitzero"`
	RevokedAt               time.Time                `json:"revokedAt,omitzero"`
	RootType                RootType                 `json:"rootType,omitzero"`
	SerialNumber            string                   `json:"serialNumber,omitzero"`
	SerialNumberHex         string                   `json:"serialNumberHex,omitzero"`
	SlotSize                SlotSize                 `json:"slotSize,omitzero"`
	Status                  Status                   `json:"status"`
	SubjectAlternativeNames []SubjectAlternativeName `json:"subjectAlternativeNames,omitzero"`
	ValidEnd                time.Time                `json:"validEnd,omitzero"`
	ValidStart              time.Time                `json:"validStart,omitzero"`
}

// SubjectAlternativeName is one SAN of an order and its validation status.
type SubjectAlternativeName struct {
	Name   string    `json:"subjectAlternativeName"`
	Status SANStatus `json:"status"`
}

// Contact is the person the CA writes to about an order.
type Contact struct {
	Email      string `json:"email"`
	NameFirst  string `json:"nameFirst"`
	NameLast   string `json:"nameLast"`
	NameMiddle string `json:"nameMiddle,omitzero"`
	Phone      string `json:"phone"`
	JobTitle   string `json:"jobTitle,omitzero"` // EV only
	Suffix     string `json:"suffix,omitzero"`
}

// Organization is the certificate's organisation (OV and EV) as the API answers it: what a
// create sends, and the jurisdiction of incorporation.
type Organization struct {
	OrganizationCreate
	JurisdictionOfIncorporation *JurisdictionOfIncorporation `json:"jurisdictionOfIncorporation,omitzero"`
}

// Address is a postal address; Country is the two-letter ISO code.
type Address struct {
	Address1   string `json:"address1"`
	Address2   string `json:"address2,omitzero"`
	City       string `json:"city,omitzero"`
	State      string `json:"state,omitzero"` // the full name of the state or prefecture
	PostalCode string `json:"postalCode,omitzero"`
	Country    string `json:"country"`
}

// JurisdictionOfIncorporation is where an EV organisation is incorporated.
type JurisdictionOfIncorporation struct {
	City    string `json:"city,omitzero"`
	Country string `json:"country"`
	County  string `json:"county,omitzero"`
	State   string `json:"state,omitzero"`
}

// Action is one stateful action on an order; callbacks POST the same shape.
type Action struct {
	Type      ActionType `json:"type"`
	CreatedAt time.Time  `json:"createdAt"`
}

// Bundle is a downloaded certificate: the PEM pieces the API returns and the serial.
type Bundle struct {
	PEMs         PEMs   `json:"pems"`
	SerialNumber string `json:"serialNumber"`
}

// holdsCertificate is a download's check: a success without a certificate is no answer.
func (b *Bundle) holdsCertificate() error {
	if b.PEMs.Certificate == "" {
		return errors.New("the bundle holds no certificate")
	}
	return nil
}

// PEMs are the certificate and its chain in PEM; only Certificate is always present.
type PEMs struct {
	Certificate  string `json:"certificate"`
	Intermediate string `json:"intermediate,omitzero"`
	Cross        string `json:"cross,omitzero"`
	Root         string `json:"root,omitzero"`
}

// Chain returns the certificate followed by the intermediate, cross and root that are present,
// the order a server's certificate file wants.
func (p PEMs) Chain() string {
	out := p.Certificate
	for _, s := range []string{p.Intermediate, p.Cross, p.Root} {
		if s == "" {
			continue
		}
		if out != "" && out[len(out)-1] != '\n' {
			out += "\n"
		}
		out += s
	}
	return out
}

// SiteSeal is the seal HTML the API returns.
type SiteSeal struct {
	HTML string `json:"html"`
}

// EmailHistory is one e-mail the CA sent about an order.
type EmailHistory struct {
	ID           int64     `json:"id"`
	AccountID    int64     `json:"accountId"`
	TemplateType string    `json:"templateType"`
	FromType     string    `json:"fromType"`
	Recipients   string    `json:"recipients"`
	Body         string    `json:"body"`
	DateEntered  time.Time `json:"dateEntered"`
	Subject      string    `json:"subject"`
}
