package csr

import (
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"net"
	"net/url"
)

// Request is a parsed CSR.
type Request struct {
	Subject        pkix.Name
	CommonName     string
	DNSNames       []string
	EmailAddresses []string
	IPAddresses    []net.IP
	URIs           []*url.URL

	PublicKey          crypto.PublicKey
	KeyAlgorithm       x509.PublicKeyAlgorithm
	KeyBits            int // modulus bits for RSA, curve bits for ECDSA, 0 otherwise
	SignatureAlgorithm x509.SignatureAlgorithm
	Version            int

	// DER is the CSR as decoded from the paste.
	DER []byte
	// Warnings are the problems Check found that do not refuse the CSR.
	Warnings []Problem

	raw *x509.CertificateRequest
}

// PEM returns the CSR re-armoured in RFC 7468 strict form: the CERTIFICATE REQUEST label and
// 64-column lines, whatever the customer pasted.
func (r *Request) PEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: r.DER}))
}

func newRequest(der []byte, c *x509.CertificateRequest) *Request {
	return &Request{
		Subject: c.Subject, CommonName: c.Subject.CommonName, DNSNames: c.DNSNames,
		EmailAddresses: c.EmailAddresses, IPAddresses: c.IPAddresses, URIs: c.URIs,
		PublicKey: c.PublicKey, KeyAlgorithm: c.PublicKeyAlgorithm, KeyBits: keyBits(c.PublicKey),
		SignatureAlgorithm: c.SignatureAlgorithm, Version: c.Version, DER: der, raw: c,
	}
}
