package catest

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"time"
)

// Issue signs the CSR in csrPEM under the chain's intermediate for validity from notBefore to
// notAfter, naming the CSR's common name and DNS names, and returns the certificate as PEM. It
// serves tests that record an issuance by hand, without an order at the simulator.
func (c *Chain) Issue(csrPEM string, notBefore, notAfter time.Time) (string, error) {
	block, _ := pem.Decode([]byte(csrPEM))
	if block == nil {
		return "", errors.New("catest: Issue: no PEM block")
	}
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return "", err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return "", err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial.Add(serial, big.NewInt(1)),
		Subject:      pkix.Name{CommonName: req.Subject.CommonName},
		DNSNames:     names(req.Subject.CommonName, req.DNSNames),
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.Intermediate, req.PublicKey, c.intermediateKey)
	if err != nil {
		return "", err
	}
	return certPEM(der), nil
}
