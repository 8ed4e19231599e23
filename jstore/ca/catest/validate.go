package catest

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/mail"
	"strings"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// problem is one refused field: the JSONPath and the message.
type problem struct{ path, msg string }

// parseCSR checks a CSR as the CA does: one PEM block, a valid self-signature, an RSA key of
// 2048 to 4096 bits (the CA takes RSA only).
func parseCSR(text string) (*x509.CertificateRequest, *problem) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(text)))
	if block == nil || !strings.Contains(block.Type, "CERTIFICATE REQUEST") {
		return nil, &problem{"csr", "`csr` is invalid"}
	}
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil || req.CheckSignature() != nil {
		return nil, &problem{"csr", "`csr` is invalid"}
	}
	k, ok := req.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, &problem{"csr", "This CSR was created with an invalid algorithm."}
	}
	if n := k.N.BitLen(); n < 2048 || n > 4096 {
		return nil, &problem{"csr", fmt.Sprintf("RSA key of %d bits: 2048 to 4096 required", n)}
	}
	return req, nil
}

// checkCreate checks a create or validate body; it returns the parsed CSR and the effective
// common name, or the first problem.
func checkCreate(r ca.CreateRequest) (*x509.CertificateRequest, string, *problem) {
	switch {
	case r.CSR == "":
		return nil, "", &problem{"csr", "`csr` is required"}
	case !r.ProductType.Known():
		return nil, "", &problem{"productType", "`productType` is invalid"}
	case r.Period < 1 || r.Period > 3:
		return nil, "", &problem{"period", "`period` must be 1 to 3 years"}
	case r.RootType != "" && !r.RootType.Known():
		return nil, "", &problem{"rootType", "`rootType` is invalid"}
	}
	if p := checkContact(r.Contact); p != nil {
		return nil, "", p
	}
	req, p := parseCSR(r.CSR)
	if p != nil {
		return nil, "", p
	}
	cn := r.CommonName
	if cn == "" {
		cn = req.Subject.CommonName
	}
	if p := checkNames(r.ProductType, cn, r.SubjectAlternativeNames, r.SlotSize); p != nil {
		return nil, "", p
	}
	switch r.ProductType {
	case ca.ProductOVSSL, ca.ProductOVWildcardSSL, ca.ProductEVSSL, ca.ProductUCCOVSSL, ca.ProductUCCEVSSL:
		if r.Organization == nil || r.Organization.Name == "" || r.Organization.Phone == "" {
			return nil, "", &problem{"organization", "`organization` with name and phone is required for OV and EV"}
		}
	}
	return req, cn, nil
}

func checkContact(c ca.Contact) *problem {
	for _, f := range []struct{ path, v string }{{"contact.email", c.Email}, {"contact.nameFirst", c.NameFirst}, {"contact.nameLast", c.NameLast}, {"contact.phone", c.Phone}} {
		if f.v == "" {
			return &problem{f.path, fmt.Sprintf("`%s` is required", f.path)}
		}
	}
	if _, err := mail.ParseAddress(c.Email); err != nil {
		return &problem{"contact.email", "`email` is not a valid e-mail address"}
	}
	return nil
}

// checkNames applies the product's name rules: a wildcard exactly on wildcard products, SANs
// only on UCC products and no more of them than the slots.
func checkNames(pt ca.ProductType, cn string, sans []string, slots ca.SlotSize) *problem {
	if cn == "" {
		return &problem{"commonName", "`commonName` is required (in the body or the CSR)"}
	}
	wild := pt == ca.ProductDVWildcardSSL || pt == ca.ProductOVWildcardSSL
	if strings.HasPrefix(cn, "*.") != wild || strings.Contains(strings.TrimPrefix(cn, "*."), "*") {
		return &problem{"commonName", "`commonName` does not suit the product's wildcard rule"}
	}
	if !pt.UCC() {
		if len(sans) > 0 {
			return &problem{"subjectAlternativeNames", "`subjectAlternativeNames` is only used for UCC products"}
		}
		if slots != "" {
			return &problem{"slotSize", "`slotSize` is only used for UCC products"}
		}
		return nil
	}
	if !slots.Known() {
		return &problem{"slotSize", "`slotSize` is required for UCC products"}
	}
	// The slots count the names besides the common name (付帯ドメイン), as jstore does.
	if len(names(cn, sans))-1 > slots.Count() {
		return &problem{"subjectAlternativeNames", fmt.Sprintf("more names than the %d slots", slots.Count())}
	}
	seen := map[string]bool{}
	for _, s := range sans {
		if s == "" || strings.Contains(s, "*") || seen[strings.ToLower(s)] {
			return &problem{"subjectAlternativeNames", "`subjectAlternativeNames` must be unique names without wildcards"}
		}
		seen[strings.ToLower(s)] = true
	}
	return nil
}
