package jstore

import (
	"fmt"
	"strings"
)

// Kind is the comparable class of an error. Every error the package returns wraps one Kind, so
// callers branch with errors.Is(err, jstore.ErrNotFound) and read details with errors.As.
type Kind uint8

// The kinds of error.
const (
	KindNotFound Kind = iota + 1
	KindConflict
	KindInvalid
	KindExists
	KindUnauthenticated
	KindState
	KindCertificateLocked
	KindOutsideWindow
	KindRenewalChange
	KindNotSent
)

var kindText = map[Kind]string{
	KindNotFound:          "jstore: not found",
	KindConflict:          "jstore: conflict: the record changed since it was read",
	KindInvalid:           "jstore: invalid input",
	KindExists:            "jstore: already exists",
	KindUnauthenticated:   "jstore: login ID or password is wrong",
	KindState:             "jstore: not allowed in the record's current state",
	KindCertificateLocked: "jstore: certificate is locked by a renewal in the cart",
	KindOutsideWindow:     "jstore: outside the renewal window",
	KindRenewalChange:     "jstore: a renewal cannot change these fields",
	KindNotSent:           "jstore: the mail was not sent",
}

func (k Kind) Error() string {
	if s, ok := kindText[k]; ok {
		return s
	}
	return fmt.Sprintf("jstore: error kind %d", uint8(k))
}

// Sentinel errors, one per Kind.
var (
	// ErrNotFound: the record does not exist or belongs to another account.
	ErrNotFound error = KindNotFound
	// ErrConflict: an update carried a stale version.
	ErrConflict error = KindConflict
	// ErrInvalid: the input failed validation; errors.As gives a *ValidationError.
	ErrInvalid error = KindInvalid
	// ErrExists: a unique value (login ID) is taken.
	ErrExists error = KindExists
	// ErrUnauthenticated: a login ID or password did not match.
	ErrUnauthenticated error = KindUnauthenticated
	// ErrState: the call is out of order for the record (step 2 before step 1, ordering twice).
	ErrState error = KindState
	// ErrCertificateLocked: a renewal of the certificate sits in the cart.
	ErrCertificateLocked error = KindCertificateLocked
	// ErrOutsideWindow: a renewal was started outside the certificate's renewal window.
	ErrOutsideWindow error = KindOutsideWindow
	// ErrRenewalChange: a renewal tried to change a field it must keep; see *RenewalChangeError.
	ErrRenewalChange error = KindRenewalChange
	// ErrNotSent: the Mailer refused or failed a message; errors.As gives a *SendError.
	ErrNotSent error = KindNotSent
)

// Problem is one user-facing validation problem: a stable code, the field it concerns, and the
// text to show in Japanese and English.
type Problem struct {
	Code  string
	Field string
	JA    string
	EN    string
}

// Message returns the text in lang ("ja" or anything else for English).
func (p Problem) Message(lang string) string {
	if lang == "ja" {
		return p.JA
	}
	return p.EN
}

// ValidationError lists every problem found in one input. It unwraps to ErrInvalid.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.EN
	}
	return "jstore: invalid input: " + strings.Join(parts, "; ")
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Has reports whether a problem with code is present.
func (e *ValidationError) Has(code string) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// problems collects validation problems and turns them into one error.
type problems []Problem

func (ps *problems) add(code, field, ja, en string) {
	*ps = append(*ps, Problem{Code: code, Field: field, JA: ja, EN: en})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

func invalid(code, field, ja, en string) error {
	return &ValidationError{Problems: []Problem{{Code: code, Field: field, JA: ja, EN: en}}}
}

// StateError says which record refused a call and why. It unwraps to its Kind (usually ErrState).
type StateError struct {
	Kind   Kind
	Record string // the ID of the record that refused
	Reason string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Kind.Error(), e.Record, e.Reason)
}

func (e *StateError) Unwrap() error { return e.Kind }

func stateErr(record, format string, args ...any) error {
	return &StateError{Kind: KindState, Record: record, Reason: fmt.Sprintf(format, args...)}
}

// RenewalChangeError lists the fields a renewal tried to change. Such a change needs a new
// order; [Service.ConvertRenewalToNew] and [Service.StartReplacement] make one that carries over the remaining days.
type RenewalChangeError struct {
	Certificate CertificateID
	Application ApplicationID // empty when the renewal was refused at its start
	Fields      []string
}

func (e *RenewalChangeError) Error() string {
	return fmt.Sprintf("jstore: a renewal of %s cannot change %s; make it a new order that carries the remaining days over", e.Certificate, strings.Join(e.Fields, ", "))
}

func (e *RenewalChangeError) Unwrap() error { return ErrRenewalChange }

// NotOrderableError names the applications CompleteOrder refused.
type NotOrderableError struct {
	Applications []ApplicationID
}

func (e *NotOrderableError) Error() string {
	ids := make([]string, len(e.Applications))
	for i, id := range e.Applications {
		ids[i] = string(id)
	}
	return "jstore: not orderable (application info not registered or already ordered): " + strings.Join(ids, ", ")
}

func (e *NotOrderableError) Unwrap() error { return ErrState }
