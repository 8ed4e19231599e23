package jstore

import (
	"fmt"
	"strings"

	"github.com/jstore-sdk/sdk/message"
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

// Message returns the kind's text in lang.
func (k Kind) Message(lang message.Lang) string {
	if t, ok := kindTexts[k]; ok {
		return t.Render(lang, nil)
	}
	return message.Text{JA: "エラーが発生しました。", EN: "an error occurred"}.Template(lang)
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

// Problem is one user-facing validation problem: a stable code, the field it concerns, and its
// wording with the variable parts kept as data, so a panel can show Message or render its own
// text from Code and Args.
type Problem struct {
	Code  string
	Field string
	Text  message.Text  // the wording Message fills
	Args  []message.Arg // the variable parts: limits, names, choices
}

// Message returns the problem's text in lang.
func (p Problem) Message(lang message.Lang) string { return p.Text.Render(lang, p.Args) }

// ValidationError lists every problem found in one input. It unwraps to ErrInvalid.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Message(message.English)
	}
	return "jstore: invalid input: " + strings.Join(parts, "; ")
}

// Message lists the problems' texts in lang, one a line.
func (e *ValidationError) Message(lang message.Lang) string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Message(lang)
	}
	return strings.Join(parts, "\n")
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

func (ps *problems) add(code, field string, args ...message.Arg) {
	*ps = append(*ps, newProblem(code, field, args...))
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

func invalid(code, field string, args ...message.Arg) error {
	return &ValidationError{Problems: []Problem{newProblem(code, field, args...)}}
}

// StateError says which record refused a call and why: Code names the reason, Args hold its
// variable parts. It unwraps to its Kind (usually ErrState).
type StateError struct {
	Kind   Kind
	Record string // the ID of the record that refused
	Code   string
	Args   []message.Arg
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Kind.Error(), e.Record, e.Message(message.English))
}

// Message returns the reason in lang.
func (e *StateError) Message(lang message.Lang) string {
	t, ok := stateTexts[e.Code]
	if !ok {
		return e.Kind.Message(lang)
	}
	return t.Render(lang, e.Args)
}

func (e *StateError) Unwrap() error { return e.Kind }

func stateErr(record, code string, args ...message.Arg) error {
	return &StateError{Kind: KindState, Record: record, Code: code, Args: args}
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

// Message names the fields in lang.
func (e *RenewalChangeError) Message(lang message.Lang) string {
	fields := make(message.List, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = fieldName(f)
	}
	return stateTexts["renewal_change"].Render(lang, []message.Arg{arg("fields", fields)})
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

// Message names the applications in lang.
func (e *NotOrderableError) Message(lang message.Lang) string {
	ids := make(message.List, len(e.Applications))
	for i, id := range e.Applications {
		ids[i] = message.Literal(id)
	}
	return stateTexts["not_orderable"].Render(lang, []message.Arg{arg("applications", ids)})
}

func (e *NotOrderableError) Unwrap() error { return ErrState }
