package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var (
	oidBasicConstraints  = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidCTPoison          = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}
	oidChallengePassword = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 7}
	// Extensions a CA understands in a request; an unknown critical one is refused.
	knownExtensions = []asn1.ObjectIdentifier{
		{2, 5, 29, 14}, {2, 5, 29, 15}, {2, 5, 29, 17}, {2, 5, 29, 19}, {2, 5, 29, 37}, {1, 3, 6, 1, 5, 5, 7, 1, 24},
	}
)

// checkExtensions refuses a request for a CA certificate (BR §7.1.2.7.8), the CT poison and
// unknown critical extensions.
func checkExtensions(r *Request, f *findings) {
	for _, e := range r.raw.Extensions {
		switch {
		case e.Id.Equal(oidBasicConstraints) && requestsCA(e.Value):
			f.fail(CodeExtension, "extensions", detail("basic_ca"))
		case e.Id.Equal(oidCTPoison):
			f.fail(CodeExtension, "extensions", detail("ct_poison"))
		case e.Critical && !known(e.Id):
			f.fail(CodeExtension, "extensions", detail("critical_unknown", message.With("oid", message.Literal(e.Id.String()))))
		}
	}
}

func known(id asn1.ObjectIdentifier) bool {
	for _, k := range knownExtensions {
		if id.Equal(k) {
			return true
		}
	}
	return false
}

func requestsCA(v []byte) bool {
	in := cryptobyte.String(v)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return false
	}
	var isCA bool
	return seq.PeekASN1Tag(cbasn1.BOOLEAN) && seq.ReadASN1Boolean(&isCA) && isCA
}

// checkAttributes warns of a challengePassword: customers often type a real password.
func checkAttributes(tbs []byte, f *findings) {
	in := cryptobyte.String(tbs)
	var info cryptobyte.String
	if !in.ReadASN1(&info, cbasn1.SEQUENCE) ||
		!info.SkipASN1(cbasn1.INTEGER) || !info.SkipASN1(cbasn1.SEQUENCE) || !info.SkipASN1(cbasn1.SEQUENCE) {
		return
	}
	var attrs cryptobyte.String
	if !info.ReadASN1(&attrs, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return
	}
	for !attrs.Empty() {
		var attr cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) {
			return
		}
		if oid.Equal(oidChallengePassword) {
			f.warn(CodeChallengePassword, "attributes", nil)
		}
	}
}
