package csr

import (
	"fmt"
	"strings"

	"github.com/jstore-sdk/sdk/message"
)

// Code is the stable identifier of a problem. A Code is also an error, so that
// errors.Is(err, csr.CodeKeyWeak) tells whether a check found that problem.
type Code string

// Problem codes. The spellings are stable: panels store and translate them.
const (
	CodeInputTooLarge      Code = "input_too_large"
	CodePEMMissing         Code = "pem_missing"
	CodePEMMalformed       Code = "pem_malformed"
	CodePrivateKey         Code = "private_key"
	CodeDERMalformed       Code = "der_malformed"
	CodeVersion            Code = "version"         // warning: version 2, as old pyOpenSSL and certbot wrote
	CodeVersionInvalid     Code = "version_invalid" // any other version but 0
	CodeSignatureInvalid   Code = "signature_invalid"
	CodeSignatureAlgorithm Code = "signature_algorithm"
	CodeKeyAlgorithm       Code = "key_algorithm"
	CodeKeyTooSmall        Code = "key_too_small"
	CodeKeyTooLarge        Code = "key_too_large"
	CodeKeySize            Code = "key_size"
	CodeKeyExponent        Code = "key_exponent"
	CodeKeyWeak            Code = "key_weak"
	CodeCNMissing          Code = "cn_missing"
	CodeCNInvalid          Code = "cn_invalid"
	CodeCNIP               Code = "cn_ip"
	CodeCNInternal         Code = "cn_internal"
	CodeCNWildcard         Code = "cn_wildcard"
	CodeCNIDN              Code = "cn_idn"
	CodeCNMismatch         Code = "cn_mismatch"
	CodeCNInvisible        Code = "cn_invisible"
	CodeCNFullwidth        Code = "cn_fullwidth"
	CodeCNMixedScript      Code = "cn_mixed_script"
	CodeCNNotInSAN         Code = "cn_not_in_san"
	CodeSANInvalid         Code = "san_invalid"
	CodeSANIP              Code = "san_ip"
	CodeSANEmailURI        Code = "san_email_uri"
	CodeSANTooMany         Code = "san_too_many"
	CodeSANInternal        Code = "san_internal"
	CodeSANIDN             Code = "san_idn"
	CodeSANInvisible       Code = "san_invisible"
	CodeSANFullwidth       Code = "san_fullwidth"
	CodeSANMixedScript     Code = "san_mixed_script"
	CodeSubjectEmail       Code = "subject_email"
	CodeSubjectCharset     Code = "subject_charset"
	CodeSubjectTooLong     Code = "subject_too_long"
	CodeSubjectPlaceholder Code = "subject_placeholder"
	CodeSubjectOU          Code = "subject_ou"
	CodeCountryInvalid     Code = "country_invalid"
	CodeChallengePassword  Code = "challenge_password"
	CodeExtension          Code = "extension_invalid"
)

func (c Code) Error() string { return "csr: " + string(c) }

// Severity says whether a problem refuses the CSR.
type Severity uint8

// Severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Problem is one finding about a CSR: a stable code, the field it concerns, its severity, and an
// optional detail (a reason, a limit, the A-label to use) that renders in the reader's language
// and that the texts include. Detail never holds bytes of the input beyond a parsed name or
// attribute value.
type Problem struct {
	Code     Code
	Field    string // csr, version, signature, key, cn, san, subject, extensions, or a subject field: c, st, l, o, ou
	Severity Severity
	Detail   message.Value // nil when the code says it all
}

// Message returns the problem's text in lang, with its detail in brackets.
func (p Problem) Message(lang message.Lang) string { return p.Text().Render(lang, p.Args()) }

// Text returns the problem's wording: its code's text, followed by a {detail} slot when the
// problem has a detail. A code no table knows reads as itself.
func (p Problem) Text() message.Text {
	t, ok := messages[p.Code]
	if !ok {
		t = message.Text{JA: string(p.Code), EN: string(p.Code)}
	}
	if p.Detail != nil {
		t.JA += "（{detail}）"
		t.EN += " ({detail})"
	}
	return t
}

// Args returns the detail as the arg the text's {detail} slot takes, or nil.
func (p Problem) Args() []message.Arg {
	if p.Detail == nil {
		return nil
	}
	return []message.Arg{message.With("detail", p.Detail)}
}

// Error lists every problem of a refused CSR, warnings included. errors.Is matches each
// problem's Code.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("csr: refused:")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " %s %s", p.Code, p.Message("en"))
	}
	return b.String()
}

// Message lists the problems' texts in lang, one a line, warnings included.
func (e *Error) Message(lang message.Lang) string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Message(lang)
	}
	return strings.Join(parts, "\n")
}

// Unwrap returns the problems' codes, for errors.Is.
func (e *Error) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p.Code
	}
	return errs
}

// Has reports whether a problem with code is present.
func (e *Error) Has(code Code) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// findings collects problems in the order found.
type findings []Problem

func (f *findings) add(code Code, field string, sev Severity, detail message.Value) {
	*f = append(*f, Problem{Code: code, Field: strings.ToLower(field), Severity: sev, Detail: detail})
}

func (f *findings) fail(code Code, field string, detail message.Value) {
	f.add(code, field, SeverityError, detail)
}

func (f *findings) warn(code Code, field string, detail message.Value) {
	f.add(code, field, SeverityWarning, detail)
}

func (f findings) hasErrors() bool {
	for _, p := range f {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}
