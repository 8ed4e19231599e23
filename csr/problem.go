package csr

import (
	"fmt"
	"strings"
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

// Problem is one finding about a CSR: a stable code, the field it concerns, its severity, and a
// detail (a reason, a limit, or the A-label to use) that the texts include. Detail never holds
// bytes of the input beyond a parsed name or attribute value.
type Problem struct {
	Code     Code
	Field    string
	Severity Severity
	Detail   string
}

// Message returns the problem's text in lang: "ja" for Japanese, anything else for English.
func (p Problem) Message(lang string) string {
	m, ok := messages[p.Code]
	if !ok {
		return string(p.Code)
	}
	text := m.en
	if lang == "ja" {
		text = m.ja
	}
	if p.Detail == "" {
		return text
	}
	if lang == "ja" {
		return text + "（" + p.Detail + "）"
	}
	return text + " (" + p.Detail + ")"
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

func (f *findings) add(code Code, field string, sev Severity, detail string) {
	*f = append(*f, Problem{Code: code, Field: field, Severity: sev, Detail: detail})
}

func (f *findings) fail(code Code, field, detail string) { f.add(code, field, SeverityError, detail) }
func (f *findings) warn(code Code, field, detail string) { f.add(code, field, SeverityWarning, detail) }

func (f findings) hasErrors() bool {
	for _, p := range f {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}
