package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"crypto/rsa"
	"crypto/x509"
	"errors"
)

// Check parses text and judges the CSR by p, reporting every problem at once. A refused CSR
// gives a *Error listing all problems, warnings included; the Request is returned too when the
// CSR parsed, for display. An accepted CSR may carry warnings in Request.Warnings. With
// p.Strict, warnings refuse. An invalid Policy is a plain error.
func Check(text []byte, p Policy) (*Request, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	r, err := Parse(text)
	if err != nil {
		return nil, err
	}
	var f findings
	checkVersion(r, &f)
	checkKey(r, &p, &f) // key problems first: a new key fixes most of what follows
	checkSignature(r, &f)
	checkSubject(r.raw.RawSubject, &p, &f)
	checkNames(r, &p, &f)
	checkExtensions(r, &f)
	checkAttributes(r.raw.RawTBSCertificateRequest, &f)
	for i := range f {
		if p.Strict {
			f[i].Severity = SeverityError
		}
		if f[i].Severity == SeverityWarning {
			r.Warnings = append(r.Warnings, f[i])
		}
	}
	if f.hasErrors() {
		return r, &Error{Problems: f}
	}
	return r, nil
}

// checkVersion: PKCS#10 (RFC 2986 §4.1) defines only version 0. Old pyOpenSSL, and certbot's
// acme.crypto_util.make_csr through it, wrote 2, and CAs issued from such CSRs for years: that
// one value only warns.
func checkVersion(r *Request, f *findings) {
	switch r.Version {
	case 0:
	case 2:
		f.warn(CodeVersion, "version", nil)
	default:
		f.fail(CodeVersionInvalid, "version", message.Count{N: int64(r.Version)})
	}
}

// checkSignature verifies the self-signature (RFC 2986 proof of possession) and refuses MD2,
// MD4 and MD5; SHA-1 only warns, since the CA signs the certificate itself and IIS still emits
// SHA-1 requests.
func checkSignature(r *Request, f *findings) {
	switch r.SignatureAlgorithm {
	case x509.UnknownSignatureAlgorithm:
		f.fail(CodeSignatureAlgorithm, "signature", message.Literal(algorithmName(signatureOID(r.DER))))
		return
	case x509.MD2WithRSA, x509.MD5WithRSA:
		f.fail(CodeSignatureAlgorithm, "signature", message.Literal(r.SignatureAlgorithm.String()))
		return
	case x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.DSAWithSHA1:
		f.warn(CodeSignatureAlgorithm, "signature", message.Literal(r.SignatureAlgorithm.String()))
	}
	if k, ok := r.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 1024 {
		return // Go refuses to verify with such keys; the key is refused as too small
	}
	if err := r.raw.CheckSignature(); err != nil {
		var insecure x509.InsecureAlgorithmError
		if errors.As(err, &insecure) || errors.Is(err, x509.ErrUnsupportedAlgorithm) {
			if r.KeyAlgorithm == x509.DSA {
				return // DSA cannot be verified here and is refused as a key algorithm
			}
			f.fail(CodeSignatureAlgorithm, "signature", message.Literal(r.SignatureAlgorithm.String()))
			return
		}
		f.fail(CodeSignatureInvalid, "signature", nil)
	}
}
