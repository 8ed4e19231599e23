package message

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// latinInJapanese lists the words in Latin letters a Japanese text may carry: product, protocol
// and format names Japanese writes as they are. Words in capitals (CSR, DNS, RSA) are always
// allowed.
var latinInJapanese = []string{
	"Punycode", "xn", "xn--", "pyOpenSSL", "certbot", "challengePassword", "none", "Starfield", "GoDaddy",
	"Apache", "nginx", "Web", "admin", "administrator", "hostmaster", "postmaster", "webmaster",
	"KiB", "Shift_JIS", "Infineon", "Debian", "http", "https", "well-known", "pki-validation",
	"godaddy", "starfield", "html", "txt", "ja", "en", "UTF", "UTF8String", "PrintableString",
	"basicConstraints", "Base64",
}

// Verify checks that t has both texts, that they use the same placeholders, and that the
// Japanese text holds no English word (beyond capitals and the names Japanese writes in Latin
// letters). Packages run it over their tables in tests; a panel can run it over its own.
func (t Text) Verify() error {
	if strings.TrimSpace(t.JA) == "" || strings.TrimSpace(t.EN) == "" {
		return fmt.Errorf("message: a text is missing (ja %q, en %q)", t.JA, t.EN)
	}
	ja, en := Placeholders(t.JA), Placeholders(t.EN)
	slices.Sort(ja)
	slices.Sort(en)
	if !slices.Equal(slices.Compact(ja), slices.Compact(en)) {
		return fmt.Errorf("message: the texts use different placeholders (ja %v, en %v)", ja, en)
	}
	if w := EnglishWord(stripPlaceholders(t.JA)); w != "" {
		return fmt.Errorf("message: the Japanese text carries the English word %q: %s", w, t.JA)
	}
	return nil
}

// VerifyAll runs Verify over a table of texts and names every code that fails.
func VerifyAll[K ~string](texts map[K]Text) error {
	var errs []error
	for _, code := range slices.Sorted(maps.Keys(texts)) {
		if err := texts[code].Verify(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", code, err))
		}
	}
	return errors.Join(errs...)
}

// EnglishWord returns the first word of s in Latin letters that is neither in capitals nor a
// name Japanese writes in Latin letters, or "" when there is none. Tests run it over rendered
// Japanese texts.
func EnglishWord(s string) string {
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !isWordRune(r) }) {
		w = strings.TrimLeft(w, "0123456789") // 64KiB, 2048bit
		if !hasLower(w) || slices.Contains(latinInJapanese, w) || !hasLatin(w) {
			continue
		}
		return w
	}
	return ""
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

func hasLower(w string) bool {
	return strings.ContainsFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' })
}

func hasLatin(w string) bool {
	return strings.ContainsFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' })
}

func stripPlaceholders(tmpl string) string {
	var b strings.Builder
	for lit := range parts(tmpl) {
		b.WriteString(lit + " ")
	}
	return b.String()
}
