package csrder

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"net"
	"net/url"
	"unicode/utf8"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Parse parses a CSR. The common shape — an RSA key, an RSA PKCS #1 v1.5 signature,
// subject strings in PrintableString, UTF8String or IA5String, SANs without URIs — is read
// directly with cryptobyte, which is several times faster than x509.ParseCertificateRequest
// and its reflection-based encoding/asn1; every other input goes to x509 itself. The fast path
// only ever accepts what x509 accepts and gives the same result (FuzzParseDER checks both).
func Parse(der []byte) (*x509.CertificateRequest, error) {
	if c, ok := ParseCommon(der); ok {
		return c, nil
	}
	return x509.ParseCertificateRequest(der)
}

var (
	oidRSAEncryption    = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}
	oidExtensionRequest = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e}
	oidSubjectAltName   = asn1.ObjectIdentifier{2, 5, 29, 17}
	asn1Null            = []byte{0x05, 0x00}
	// rsaSignatures maps the last arc of 1.2.840.113549.1.1.x to the algorithm.
	rsaSignatures = map[byte]x509.SignatureAlgorithm{
		4: x509.MD5WithRSA, 5: x509.SHA1WithRSA, 11: x509.SHA256WithRSA, 12: x509.SHA384WithRSA, 13: x509.SHA512WithRSA,
	}
)

// ParseCommon is the fast path; false sends the input to x509.
func ParseCommon(der []byte) (*x509.CertificateRequest, bool) {
	c := &x509.CertificateRequest{Raw: der, PublicKeyAlgorithm: x509.RSA}
	in := cryptobyte.String(der)
	var outer, tbs, info, sigAlg cryptobyte.String
	var sig asn1.BitString
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !in.Empty() ||
		!outer.ReadASN1Element(&tbs, cbasn1.SEQUENCE) ||
		!outer.ReadASN1(&sigAlg, cbasn1.SEQUENCE) ||
		!outer.ReadASN1BitString(&sig) || !outer.Empty() || sig.BitLength%8 != 0 {
		return nil, false
	}
	c.RawTBSCertificateRequest = tbs
	c.Signature = sig.Bytes
	if c.SignatureAlgorithm = rsaSignature(sigAlg); c.SignatureAlgorithm == x509.UnknownSignatureAlgorithm {
		return nil, false
	}
	var version int64
	var subject, spki, attrs cryptobyte.String
	if !tbs.ReadASN1(&info, cbasn1.SEQUENCE) || !info.ReadASN1Integer(&version) ||
		!info.ReadASN1Element(&subject, cbasn1.SEQUENCE) ||
		!info.ReadASN1Element(&spki, cbasn1.SEQUENCE) ||
		!info.ReadASN1(&attrs, cbasn1.Tag(0).Constructed().ContextSpecific()) || !info.Empty() {
		return nil, false
	}
	c.Version, c.RawSubject, c.RawSubjectPublicKeyInfo = int(version), subject, spki
	if int64(c.Version) != version {
		return nil, false
	}
	var ok bool
	if c.PublicKey, ok = rsaKey(spki); !ok {
		return nil, false
	}
	rdns, ok := rdnSequence(subject)
	if !ok {
		return nil, false
	}
	c.Subject.FillFromRDNSequence(&rdns)
	if c.Extensions, ok = extensionRequest(attrs); !ok {
		return nil, false
	}
	for _, e := range c.Extensions {
		if e.Id.Equal(oidSubjectAltName) && !SANNames(e.Value, c, false) {
			return nil, false
		}
	}
	return c, true
}

// rsaSignature reads an RSA PKCS #1 v1.5 AlgorithmIdentifier with NULL or absent parameters
// (x509 ignores them; cfssl leaves them out).
func rsaSignature(ai cryptobyte.String) x509.SignatureAlgorithm {
	var oid, params cryptobyte.String
	if !ai.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || len(oid) != 9 || string(oid[:8]) != string(oidRSAEncryption[:8]) {
		return x509.UnknownSignatureAlgorithm
	}
	if !ai.Empty() && (!ai.ReadASN1Element(&params, cbasn1.NULL) || string(params) != string(asn1Null) || !ai.Empty()) {
		return x509.UnknownSignatureAlgorithm
	}
	return rsaSignatures[oid[8]]
}

// rsaKey reads an rsaEncryption SubjectPublicKeyInfo as x509 does: NULL parameters, a positive
// modulus and a positive exponent that fits an int.
func rsaKey(spki cryptobyte.String) (*rsa.PublicKey, bool) {
	var body, ai, oid, params cryptobyte.String
	var bits asn1.BitString
	if !spki.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&ai, cbasn1.SEQUENCE) ||
		!ai.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || string(oid) != string(oidRSAEncryption) ||
		!ai.ReadASN1Element(&params, cbasn1.NULL) || string(params) != string(asn1Null) || !ai.Empty() ||
		!body.ReadASN1BitString(&bits) || !body.Empty() || bits.BitLength%8 != 0 {
		return nil, false
	}
	key := cryptobyte.String(bits.Bytes)
	var seq cryptobyte.String
	k := &rsa.PublicKey{N: new(big.Int)}
	if !key.ReadASN1(&seq, cbasn1.SEQUENCE) || !key.Empty() || !seq.ReadASN1Integer(k.N) || !seq.ReadASN1Integer(&k.E) || !seq.Empty() ||
		k.N.Sign() <= 0 || k.E <= 0 {
		return nil, false
	}
	return k, true
}

// rdnSequence reads the subject with the string types encoding/asn1 decodes to the same Go
// strings; anything else is left to x509.
func rdnSequence(raw cryptobyte.String) (pkix.RDNSequence, bool) {
	var rdns cryptobyte.String
	if !raw.ReadASN1(&rdns, cbasn1.SEQUENCE) {
		return nil, false
	}
	var out pkix.RDNSequence
	for !rdns.Empty() {
		var set cryptobyte.String
		if !rdns.ReadASN1(&set, cbasn1.SET) {
			return nil, false
		}
		var rdn pkix.RelativeDistinguishedNameSET
		for !set.Empty() {
			var atv, val cryptobyte.String
			var oid asn1.ObjectIdentifier
			var tag cbasn1.Tag
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.ReadASN1ObjectIdentifier(&oid) || !atv.ReadAnyASN1(&val, &tag) || !atv.Empty() {
				return nil, false
			}
			s, ok := asn1String(tag, val)
			if !ok {
				return nil, false
			}
			rdn = append(rdn, pkix.AttributeTypeAndValue{Type: oid, Value: s})
		}
		out = append(out, rdn)
	}
	return out, true
}

// asn1String decodes the string types as encoding/asn1 does into an interface value.
func asn1String(tag cbasn1.Tag, v []byte) (string, bool) {
	switch tag {
	case cbasn1.PrintableString:
		for _, b := range v {
			if !printable(b) {
				return "", false
			}
		}
	case cbasn1.UTF8String:
		if !utf8.Valid(v) {
			return "", false
		}
	case cbasn1.IA5String:
		for _, b := range v {
			if b >= utf8.RuneSelf {
				return "", false
			}
		}
	default:
		return "", false
	}
	return string(v), true
}

// printable is encoding/asn1's PrintableString alphabet, with the '*' and '&' it tolerates.
func printable(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
		'\'' <= b && b <= ')' || '+' <= b && b <= '/' || b == ' ' || b == ':' || b == '=' || b == '?' || b == '*' || b == '&'
}

// extensionRequest reads the attributes and returns the extensions of the one
// extensionRequest attribute, refusing (to x509) repeats and anything unusual.
func extensionRequest(attrs cryptobyte.String) ([]pkix.Extension, bool) {
	var exts []pkix.Extension
	seenRequest := false
	for !attrs.Empty() {
		var attr, oid, values cryptobyte.String
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			!attr.ReadASN1(&values, cbasn1.SET) || !attr.Empty() || values.Empty() {
			return nil, false
		}
		if string(oid) != string(oidExtensionRequest) {
			continue
		}
		var list cryptobyte.String
		if seenRequest || !values.ReadASN1(&list, cbasn1.SEQUENCE) || !values.Empty() {
			return nil, false
		}
		seenRequest = true
		for !list.Empty() {
			var ext cryptobyte.String
			var e pkix.Extension
			if !list.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&e.Id) ||
				!ext.ReadOptionalASN1Boolean(&e.Critical, cbasn1.BOOLEAN, false) ||
				!ext.ReadASN1Bytes(&e.Value, cbasn1.OCTET_STRING) || !ext.Empty() {
				return nil, false
			}
			for _, prev := range exts {
				if prev.Id.Equal(e.Id) {
					return nil, false
				}
			}
			exts = append(exts, e)
		}
	}
	return exts, true
}

// SANNames reads the names of a subjectAltName value into c. Strict, as x509 does: a name that
// is not ASCII, a URI or a malformed IP address is left to x509 (false), which reports it.
// Lenient, for a CSR x509 refused: every dNSName is kept as written for the name rules to judge,
// a URI that does not parse still counts as one, and an IP address of the wrong length too.
func SANNames(v []byte, c *x509.CertificateRequest, lenient bool) bool {
	in := cryptobyte.String(v)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return false
	}
	c.DNSNames, c.EmailAddresses, c.IPAddresses, c.URIs = nil, nil, nil, nil
	for !seq.Empty() {
		var data cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadAnyASN1(&data, &tag) {
			return false
		}
		switch tag {
		case cbasn1.Tag(1).ContextSpecific(), cbasn1.Tag(2).ContextSpecific():
			if !lenient && bytes.ContainsFunc(data, func(r rune) bool { return r >= utf8.RuneSelf }) {
				return false
			}
			if tag == cbasn1.Tag(2).ContextSpecific() {
				c.DNSNames = append(c.DNSNames, string(data))
			} else {
				c.EmailAddresses = append(c.EmailAddresses, string(data))
			}
		case cbasn1.Tag(6).ContextSpecific():
			if !lenient {
				return false
			}
			u, err := url.Parse(string(data))
			if err != nil {
				u = &url.URL{Opaque: string(data)}
			}
			c.URIs = append(c.URIs, u)
		case cbasn1.Tag(7).ContextSpecific():
			if !lenient && len(data) != net.IPv4len && len(data) != net.IPv6len {
				return false
			}
			c.IPAddresses = append(c.IPAddresses, net.IP(data))
		}
	}
	return true
}
