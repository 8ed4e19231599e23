package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"encoding/asn1"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// attribute is one subject attribute as encoded: its type (the OID's content octets), string
// tag and value. Raw OID bytes avoid an allocation and a formatting per attribute.
type attribute struct {
	oid   string
	tag   cbasn1.Tag
	value []byte
}

// subjectAttrs walks the raw subject with cryptobyte (no reflection: it is on the hot path).
func subjectAttrs(raw []byte) ([]attribute, bool) {
	attrs := make([]attribute, 0, 8)
	in := cryptobyte.String(raw)
	var rdns cryptobyte.String
	if !in.ReadASN1(&rdns, cbasn1.SEQUENCE) {
		return nil, false
	}
	for !rdns.Empty() {
		var set cryptobyte.String
		if !rdns.ReadASN1(&set, cbasn1.SET) {
			return nil, false
		}
		for !set.Empty() {
			var atv, oid, val cryptobyte.String
			var a attribute
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || !atv.ReadAnyASN1(&val, &a.tag) {
				return nil, false
			}
			a.oid, a.value = string(oid), val
			attrs = append(attrs, a)
		}
	}
	return attrs, true
}

// attrSpec is what RFC 5280 Appendix A.1 and BR §7.1.4.2 allow for one attribute.
type attrSpec struct {
	name     string
	maxChars int
	check    bool // placeholder values refused (BR §7.1.2.7.4)
}

// attrSpecs is keyed by the OID's DER content octets: 2.5.4.x is 0x55 0x04 x.
var attrSpecs = map[string]attrSpec{
	"\x55\x04\x03": {"CN", 64, false},
	"\x55\x04\x06": {"C", 2, false},
	"\x55\x04\x07": {"L", 128, true},
	"\x55\x04\x08": {"ST", 128, true},
	"\x55\x04\x09": {"street", 128, true},
	"\x55\x04\x0a": {"O", 64, true},
	"\x55\x04\x0b": {"OU", 64, false},
	"\x55\x04\x11": {"postalCode", 40, false},
	"\x55\x04\x05": {"serialNumber", 64, false},
	oidEmailDER:    {"emailAddress", 255, false},
}

// oidEmailDER is 1.2.840.113549.1.9.1.
const oidEmailDER = "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01"

// placeholders are values meaning "absent or not applicable" (BR §7.1.2.7.4).
var placeholders = map[string]bool{
	"na": true, "n/a": true, "n.a.": true, "n.a": true, "none": true, "null": true, "nil": true,
	"not applicable": true, "unknown": true, "-": true, ".": true, "--": true, "?": true, "xx": true,
}

func checkSubject(raw []byte, p *Policy, f *findings) {
	attrs, ok := subjectAttrs(raw)
	if !ok {
		f.fail(CodeSubjectCharset, "subject", detail("undecodable"))
		return
	}
	for _, a := range attrs {
		spec, known := attrSpecs[a.oid]
		field := spec.name
		if !known {
			field = oidText(a.oid)
		}
		text, ok := decodeString(a)
		if !ok {
			f.fail(CodeSubjectCharset, field, detail("string_type"))
			continue
		}
		// The CA copies O and the other attributes into the certificate: a right-to-left
		// override or a zero-width space would show one organisation and hold another.
		if i := strings.IndexFunc(text, invisibleInText); i >= 0 {
			r, _ := utf8.DecodeRuneInString(text[i:])
			f.fail(CodeSubjectCharset, field, detail("character", message.With("char", message.Char(r))))
			continue
		}
		if known && utf8.RuneCountInString(text) > spec.maxChars && field != "C" {
			f.fail(CodeSubjectTooLong, field, detail("at_most", message.With("size", chars(utf8.RuneCountInString(text))), message.With("max", chars(spec.maxChars))))
		}
		switch {
		case field == "C":
			if a.tag != cbasn1.PrintableString || !isCountry(text) {
				f.fail(CodeCountryInvalid, "C", message.Quoted(text))
			}
		case field == "OU":
			f.warn(CodeSubjectOU, "OU", nil)
		case a.oid == oidEmailDER:
			f.warn(CodeSubjectEmail, "email", nil)
		case spec.check && isPlaceholder(text):
			if p.OrganizationValidated {
				f.fail(CodeSubjectPlaceholder, field, message.Quoted(text))
			} else {
				f.warn(CodeSubjectPlaceholder, field, message.Quoted(text))
			}
		}
	}
}

// oidText formats an OID's content octets for a message.
func oidText(content string) string {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes([]byte(content)) })
	der, err := b.Bytes()
	var oid asn1.ObjectIdentifier
	in := cryptobyte.String(der)
	if err != nil || !in.ReadASN1ObjectIdentifier(&oid) {
		return "unknown attribute"
	}
	return oid.String()
}

func isPlaceholder(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "" || placeholders[v] || strings.Trim(v, ".- ") == ""
}

// decodeString returns an attribute's text if its string type and characters are allowed:
// PrintableString's alphabet, valid UTF8String, IA5String (e-mail only); never control
// characters (RFC 5280 Appendix B; BR §7.1.4.2).
func decodeString(a attribute) (string, bool) {
	s := string(a.value)
	switch a.tag {
	case cbasn1.PrintableString:
		for i := 0; i < len(s); i++ {
			if !isPrintable(s[i]) {
				return "", false
			}
		}
	case cbasn1.UTF8String:
		if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
			return "", false
		}
	case cbasn1.IA5String:
		if a.oid != oidEmailDER {
			return "", false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return "", false
			}
		}
	default:
		return "", false
	}
	return s, true
}

func isPrintable(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" '()+,-./:=?", c) >= 0
}
