package csr

import (
	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Algorithms x509 does not know are named by their OID, and by name where one is well known, so
// that a customer and the support desk can tell what the CSR used.
var algorithmNames = map[string]string{
	"1.2.840.113549.1.1.2": "md2WithRSAEncryption",
	"1.2.840.113549.1.1.3": "md4WithRSAEncryption",
	"1.2.840.113549.1.1.4": "md5WithRSAEncryption",
	"1.2.840.10040.4.1":    "DSA",
	"1.2.840.10046.2.1":    "Diffie-Hellman",
	"1.3.101.110":          "X25519",
	"1.3.101.111":          "X448",
	"1.3.101.113":          "Ed448",
	"1.2.643.2.2.19":       "GOST R 34.10-2001",
	"1.2.156.10197.1.301":  "SM2",
}

func algorithmName(oid string) string {
	switch name, ok := algorithmNames[oid]; {
	case oid == "":
		return "an unreadable algorithm identifier"
	case ok:
		return name + " (" + oid + ")"
	}
	return oid
}

// signatureOID returns the dotted OID of a CSR's signature algorithm, or "".
func signatureOID(der []byte) string {
	in := cryptobyte.String(der)
	var outer, ai cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !outer.SkipASN1(cbasn1.SEQUENCE) || !outer.ReadASN1(&ai, cbasn1.SEQUENCE) {
		return ""
	}
	return readOID(ai)
}

// keyOID returns the dotted OID of a SubjectPublicKeyInfo's algorithm, or "".
func keyOID(spki []byte) string {
	in := cryptobyte.String(spki)
	var body, ai cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&ai, cbasn1.SEQUENCE) {
		return ""
	}
	return readOID(ai)
}

func readOID(ai cryptobyte.String) string {
	var oid asn1.ObjectIdentifier
	if !ai.ReadASN1ObjectIdentifier(&oid) {
		return ""
	}
	return oid.String()
}
