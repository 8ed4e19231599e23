package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"net/netip"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// reservedTLDs are never public (RFC 2606, RFC 6761, RFC 6762, RFC 7686; BR §4.2.2 ends .arpa
// names from 2026-03-15).
var reservedTLDs = map[string]bool{
	"test": true, "example": true, "invalid": true, "localhost": true, "local": true,
	"onion": true, "arpa": true, "internal": true, "lan": true, "home": true, "corp": true, "intranet": true, "localdomain": true,
}

var aLabels = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(true), idna.VerifyDNSLength(true), idna.BidiRule())

// nameProblem says what is wrong with a DNS name for a certificate, as the CN codes: it
// returns the code and a detail, or "" when the name is fine. wildcard says whether a
// leading *. is allowed.
func nameProblem(name string, wildcard bool) (Code, message.Value) {
	if name == "" {
		return CodeCNMissing, nil
	}
	if looksLikeIP(name) {
		return CodeCNIP, message.Literal(name)
	}
	rest, isWild := strings.CutPrefix(name, "*.")
	if strings.Contains(rest, "*") {
		return CodeCNWildcard, detail("wildcard_label")
	}
	if isWild != wildcard {
		if isWild {
			return CodeCNWildcard, detail("wildcard_product")
		}
		return CodeCNWildcard, detail("wildcard_name")
	}
	if !isASCII(rest) {
		if code, d := deception(rest); code != "" {
			return code, d
		}
		a, err := aLabels.ToASCII(rest)
		if err != nil {
			return CodeCNInvalid, detail("not_domain")
		}
		if back, err := aLabels.ToUnicode(a); err != nil || back != strings.ToLower(norm.NFC.String(rest)) {
			return CodeCNInvalid, detail("idna_reads", message.With("name", message.Literal(a))) // a rewrite the checks above missed
		}
		return CodeCNIDN, message.Literal(strings.ToLower(strings.Replace(name, rest, a, 1)))
	}
	if why := ldhProblem(rest); why != nil {
		return CodeCNInvalid, why
	}
	lower := strings.ToLower(rest)
	if !strings.Contains(lower, ".") {
		return CodeCNInternal, detail("single_label")
	}
	tld := lower[strings.LastIndexByte(lower, '.')+1:]
	suffix, icann := publicsuffix.PublicSuffix(lower)
	switch {
	case reservedTLDs[tld]:
		return CodeCNInternal, detail("reserved_tld", message.With("tld", message.Literal(tld)))
	case !icann && !strings.Contains(suffix, "."):
		return CodeCNInternal, detail("private_tld", message.With("tld", message.Literal(tld)))
	case suffix == lower:
		if isWild {
			return CodeCNWildcard, detail("wildcard_suffix")
		}
		return CodeCNInvalid, detail("public_suffix", message.With("name", message.Literal(lower)))
	}
	u, ok := unicodeForm(lower)
	if !ok {
		return CodeCNInvalid, detail("xn_decode")
	}
	if u != lower {
		// An A-label can spell the same deceptions as the Unicode it stands for.
		if code, _ := deception(u); code != "" {
			return code, message.Literal(lower)
		}
	}
	return "", nil
}

// ldhProblem checks RFC 1035 letter-digit-hyphen syntax (BR §7.1.2.7.12).
func ldhProblem(name string) message.Value {
	if len(name) > 253 {
		return nameTooLong(len(name))
	}
	if strings.HasSuffix(name, ".") {
		return detail("trailing_dot")
	}
	for label := range strings.SplitSeq(name, ".") {
		switch {
		case label == "":
			return detail("empty_label")
		case len(label) > 63:
			return detail("label_long")
		case label[0] == '-' || label[len(label)-1] == '-':
			return detail("label_hyphen")
		case len(label) >= 4 && label[2:4] == "--" && !strings.EqualFold(label[:2], "xn"):
			return detail("label_dashes")
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				if c == '_' {
					return detail("underscore")
				}
				return detail("character", message.With("char", message.Char(c)))
			}
		}
	}
	return nil
}

// looksLikeIP reports an IPv4 or IPv6 literal. A DNS name's last label is never all digits, so
// only such names (or ones with a colon) pay for the parse.
func looksLikeIP(name string) bool {
	if name == "" {
		return false
	}
	if c := name[len(name)-1]; (c < '0' || c > '9') && !strings.Contains(name, ":") {
		return false
	}
	_, err := netip.ParseAddr(name)
	return err == nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// sanCodes maps a CN finding to the SAN code family; the rest are san_invalid.
var sanCodes = map[Code]Code{
	CodeCNIP: CodeSANIP, CodeCNInternal: CodeSANInternal, CodeCNIDN: CodeSANIDN,
	CodeCNInvisible: CodeSANInvisible, CodeCNFullwidth: CodeSANFullwidth, CodeCNMixedScript: CodeSANMixedScript,
}

func sanCode(c Code) Code {
	if s, ok := sanCodes[c]; ok {
		return s
	}
	return CodeSANInvalid
}

func checkNames(r *Request, p *Policy, f *findings) {
	cn := strings.TrimSpace(r.CommonName)
	code, d := nameProblem(cn, p.Wildcard)
	if code != "" {
		f.fail(code, "CN", d)
	} else if p.ExpectedCN != "" && !sameName(cn, p.ExpectedCN) {
		f.fail(CodeCNMismatch, "CN", detail("expected", message.With("name", message.Literal(strings.ToLower(p.ExpectedCN)))))
	}
	if code == "" && len(r.DNSNames) > 0 && !slices.ContainsFunc(r.DNSNames, func(n string) bool { return sameName(n, cn) }) {
		// The CA builds the names from the order, so this only warns.
		f.warn(CodeCNNotInSAN, "CN", message.Literal(cn))
	}
	total := len(r.DNSNames) + len(r.IPAddresses) + len(r.EmailAddresses) + len(r.URIs)
	if total > p.maxSANs() {
		f.fail(CodeSANTooMany, "san", detail("at_most", message.With("size", names(total)), message.With("max", names(p.maxSANs()))))
	}
	for _, n := range r.DNSNames {
		if strings.EqualFold(n, cn) {
			continue // judged above as the CN
		}
		// A CSR's SANs are advisory (the CA builds them from the order), but each must still be
		// a name the CA could certify; wildcards follow the product.
		if code, d := nameProblem(n, p.Wildcard && strings.HasPrefix(n, "*.")); code != "" {
			f.fail(sanCode(code), "san", nameDetail(n, d))
		}
	}
	for _, ip := range r.IPAddresses {
		f.fail(CodeSANIP, "san", message.Literal(ip.String()))
	}
	if len(r.EmailAddresses) > 0 || len(r.URIs) > 0 {
		f.fail(CodeSANEmailURI, "san", nil)
	}
}

// nameDetail names the SAN a detail is about: 「a.example：ドメイン名ではありません」.
func nameDetail(name string, d message.Value) message.Value {
	if d == nil {
		return message.Literal(name)
	}
	return detail("name_reason", message.With("name", message.Literal(name)), message.With("reason", d))
}

// sameName compares two names case-insensitively in A-label form.
func sameName(a, b string) bool {
	return strings.EqualFold(toALabel(a), toALabel(b))
}

func toALabel(n string) string {
	rest, wild := strings.CutPrefix(n, "*.")
	if a, err := aLabels.ToASCII(rest); err == nil {
		rest = a
	}
	if wild {
		return "*." + rest
	}
	return rest
}

// maxSANInput bounds the text CheckSAN converts: a name is at most 253 bytes in A-label form.
const maxSANInput = 1024

// CheckSAN judges one name a customer enters for an order's subject alternative names by the
// rules Check applies to a CSR's names: a public DNS name — not an IP address, not a single
// label, not a reserved or internal name, not a public suffix, not a wildcard, and nothing
// that could show as another name (invisible characters, full-width letters, a label mixing
// scripts). A U-label in one script is accepted and converted, since a panel's SAN field is
// not a CSR. It returns the name in lower-case A-label form, or the problem (a san_ code) with
// its Japanese and English text.
func CheckSAN(name string) (string, *Problem) {
	bad := func(d message.Value) (string, *Problem) {
		return "", &Problem{Code: CodeSANInvalid, Field: "san", Severity: SeverityError, Detail: d}
	}
	name = strings.TrimSpace(name)
	if len(name) > maxSANInput {
		return bad(nameTooLong(len(name)))
	}
	a := name
	if !isASCII(name) {
		if code, d := deception(name); code != "" {
			return "", &Problem{Code: sanCode(code), Field: "san", Severity: SeverityError, Detail: d}
		}
		conv, err := aLabels.ToASCII(name)
		if err != nil {
			return bad(detail("not_domain"))
		}
		a = conv
	}
	a = strings.ToLower(a)
	if code, d := nameProblem(a, false); code != "" {
		return "", &Problem{Code: sanCode(code), Field: "san", Severity: SeverityError, Detail: d}
	}
	return a, nil
}
