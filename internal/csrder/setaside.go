package csrder

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// ParseNamesAside parses a CSR that x509 refuses, when the refusal may lie in its
// subjectAltName (a dNSName in UTF-8 rather than an A-label, a URI that does not parse): the
// CSR is re-encoded without that extension for x509, and the names are read leniently from the
// original. The key, the subject and the signature are then judged as usual, so the customer
// hears of every problem at once. No text of x509's error is relied on. RawTBSCertificateRequest
// is the original, so the signature is verified over what the customer's key signed.
func ParseNamesAside(der []byte) (*x509.CertificateRequest, bool) {
	in := cryptobyte.String(der)
	var outer, tbs, sigAlg, sig cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !in.Empty() ||
		!outer.ReadASN1Element(&tbs, cbasn1.SEQUENCE) || !outer.ReadASN1Element(&sigAlg, cbasn1.SEQUENCE) ||
		!outer.ReadASN1Element(&sig, cbasn1.BIT_STRING) || !outer.Empty() {
		return nil, false
	}
	info := tbs
	var body, version, subject, spki, attrs cryptobyte.String
	if !info.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element(&version, cbasn1.INTEGER) ||
		!body.ReadASN1Element(&subject, cbasn1.SEQUENCE) || !body.ReadASN1Element(&spki, cbasn1.SEQUENCE) ||
		!body.ReadASN1(&attrs, cbasn1.Tag(0).Constructed().ContextSpecific()) || !body.Empty() {
		return nil, false
	}
	var san []byte
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddBytes(version)
			b.AddBytes(subject)
			b.AddBytes(spki)
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				san = copyAttributesWithoutSAN(b, attrs)
			})
		})
		b.AddBytes(sigAlg)
		b.AddBytes(sig)
	})
	if san == nil {
		return nil, false // no subjectAltName: it is not what x509 refused
	}
	rebuilt, err := b.Bytes()
	if err != nil {
		return nil, false
	}
	c, err := x509.ParseCertificateRequest(rebuilt)
	if err != nil {
		return nil, false
	}
	c.Raw, c.RawTBSCertificateRequest = der, tbs
	c.Extensions = append(c.Extensions, pkix.Extension{Id: oidSubjectAltName, Value: san})
	if !SANNames(san, c, true) {
		return nil, false
	}
	return c, true
}

// copyAttributesWithoutSAN copies the attributes into b, leaving the subjectAltName out of the
// extension request, and returns its value (nil when there is none, or when the attributes do
// not have the shape x509 expects).
func copyAttributesWithoutSAN(b *cryptobyte.Builder, attrs cryptobyte.String) []byte {
	var san []byte
	for !attrs.Empty() {
		var attr cryptobyte.String
		if !attrs.ReadASN1Element(&attr, cbasn1.SEQUENCE) {
			return nil
		}
		inner := attr
		var content, oid, values, list cryptobyte.String
		if !inner.ReadASN1(&content, cbasn1.SEQUENCE) || !content.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			string(oid) != string(oidExtensionRequest) || !content.ReadASN1(&values, cbasn1.SET) ||
			!values.ReadASN1(&list, cbasn1.SEQUENCE) || !values.Empty() {
			b.AddBytes(attr)
			continue
		}
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 14})
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					for !list.Empty() {
						var ext, id, extBody cryptobyte.String
						if !list.ReadASN1Element(&ext, cbasn1.SEQUENCE) {
							return
						}
						if e := ext; e.ReadASN1(&extBody, cbasn1.SEQUENCE) && extBody.ReadASN1(&id, cbasn1.OBJECT_IDENTIFIER) &&
							string(id) == string(oidSANContent) && san == nil {
							var critical bool
							var value []byte
							if extBody.ReadOptionalASN1Boolean(&critical, cbasn1.BOOLEAN, false) && extBody.ReadASN1Bytes(&value, cbasn1.OCTET_STRING) {
								san = value
								continue
							}
						}
						b.AddBytes(ext)
					}
				})
			})
		})
	}
	return san
}

// oidSANContent is 2.5.29.17's content octets.
var oidSANContent = []byte{0x55, 0x1d, 0x11}
