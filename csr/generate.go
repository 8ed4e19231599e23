package csr

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"strings"
)

// KeyType is the key Generate makes.
type KeyType string

// Key types.
const (
	RSA2048   KeyType = "RSA-2048"
	RSA3072   KeyType = "RSA-3072"
	RSA4096   KeyType = "RSA-4096"
	ECDSAP256 KeyType = "ECDSA-P256"
	ECDSAP384 KeyType = "ECDSA-P384"
)

// Subject is the distinguished name of a generated CSR. Empty fields are left out.
type Subject struct {
	CommonName   string
	Organization string
	Locality     string
	Province     string
	Country      string
}

// GenerateRequest describes a key and CSR to make.
type GenerateRequest struct {
	Key      KeyType
	Subject  Subject
	DNSNames []string // the Common Name is added first when missing
}

// Generate makes a key and a CSR signed with it (SHA-256 for RSA and P-256, SHA-384 for P-384),
// for panels that hold their customers' keys. It returns the key as PKCS#8 PEM and the CSR as
// PEM. The CSR passes Check with a Policy that allows the key's algorithm; Generate refuses a
// subject or names that Check would refuse.
func Generate(req GenerateRequest) (keyPEM, csrPEM []byte, err error) {
	var key crypto.Signer
	switch req.Key {
	case RSA2048, RSA3072, RSA4096:
		bits := map[KeyType]int{RSA2048: 2048, RSA3072: 3072, RSA4096: 4096}[req.Key]
		key, err = rsa.GenerateKey(rand.Reader, bits)
	case ECDSAP256:
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case ECDSAP384:
		key, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	default:
		return nil, nil, fmt.Errorf("csr: generate: unknown key type %q", req.Key)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("csr: generate: %w", err)
	}
	names := req.DNSNames
	if cn := req.Subject.CommonName; cn != "" && !containsFold(names, cn) {
		names = append([]string{cn}, names...)
	}
	tmpl := &x509.CertificateRequest{Subject: pkix.Name{CommonName: req.Subject.CommonName}, DNSNames: names}
	if s := req.Subject; s.Organization != "" {
		tmpl.Subject.Organization = []string{s.Organization}
	}
	if s := req.Subject; s.Locality != "" {
		tmpl.Subject.Locality = []string{s.Locality}
	}
	if s := req.Subject; s.Province != "" {
		tmpl.Subject.Province = []string{s.Province}
	}
	if s := req.Subject; s.Country != "" {
		tmpl.Subject.Country = []string{s.Country}
	}
	if req.Key == ECDSAP384 {
		tmpl.SignatureAlgorithm = x509.ECDSAWithSHA384
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, key)
	if err != nil {
		return nil, nil, fmt.Errorf("csr: generate: %w", err)
	}
	csrPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})
	policy := Policy{Wildcard: strings.HasPrefix(req.Subject.CommonName, "*."), KeyAlgorithms: []x509.PublicKeyAlgorithm{x509.RSA, x509.ECDSA}, MaxRSABits: 4096}
	if _, err := Check(csrPEM, policy); err != nil {
		return nil, nil, fmt.Errorf("csr: generate: %w", err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("csr: generate: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), csrPEM, nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
