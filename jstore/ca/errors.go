package ca

import (
	"fmt"
	"strings"
	"time"
)

// Kind classifies an [Error] so that callers can branch with errors.Is.
type Kind uint8

// Error kinds.
const (
	KindUnknown Kind = iota
	KindInvalid
	KindUnauthorized
	KindForbidden
	KindNotFound
	KindConflict
	KindRateLimited
	KindUnavailable
	KindOutcomeUnknown
	KindBadResponse
	KindBusy
)

var kindText = [...]string{
	KindUnknown:        "ca: error",
	KindInvalid:        "ca: invalid request",
	KindUnauthorized:   "ca: unauthorized",
	KindForbidden:      "ca: forbidden",
	KindNotFound:       "ca: not found",
	KindConflict:       "ca: state does not allow it",
	KindRateLimited:    "ca: rate limited",
	KindUnavailable:    "ca: unavailable",
	KindOutcomeUnknown: "ca: outcome unknown",
	KindBadResponse:    "ca: malformed response",
	KindBusy:           "ca: rate budget busy",
}

func (k Kind) Error() string {
	if int(k) < len(kindText) {
		return kindText[k]
	}
	return kindText[KindUnknown]
}

// Sentinels for errors.Is.
var (
	ErrInvalid      error = KindInvalid      // 400, 422
	ErrUnauthorized error = KindUnauthorized // 401: key or secret wrong, or for the other environment
	ErrForbidden    error = KindForbidden    // 403: the key has no access to certificates
	ErrNotFound     error = KindNotFound     // 404
	ErrConflict     error = KindConflict     // 409: the order's state does not allow the call
	ErrRateLimited  error = KindRateLimited  // 429 after the retries
	ErrUnavailable  error = KindUnavailable  // 5xx or no connection after the retries
	// ErrOutcomeUnknown: a call that creates something (create, reissue, renew, revoke) may have
	// reached the CA but no answer came. It is never repeated; reconcile by reading the order.
	ErrOutcomeUnknown error = KindOutcomeUnknown
	// ErrBadResponse: a success status whose body is not the documented JSON.
	ErrBadResponse error = KindBadResponse
	// ErrBusy: a person's request (WithInteractive with a wait) found no slot of the rate
	// budget free in time and was not sent.
	ErrBusy error = KindBusy
)

// Error is every failure of a call: an error answer from the API, a response that could not be
// read, or a transport failure. It never holds the key, the secret or the Authorization header.
type Error struct {
	Kind       Kind
	Op         string // the operation, e.g. "certificate_create"
	Status     int    // HTTP status; 0 when no response arrived
	Code       string // the API's error code, e.g. "INVALID_INPUT"
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration // 429: how long the CA asked to wait
	Attempts   int           // requests sent, retries included
	Err        error         // the transport or decoding cause, if any
}

// FieldError is the API's complaint about one field of the request.
type FieldError struct {
	Code    string `json:"code"`
	Path    string `json:"path"` // JSONPath into the request body
	Message string `json:"message,omitzero"`
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Kind, e.Op)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Path, f.Message)
		if f.Message == "" {
			b.WriteString(f.Code)
		}
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

// Unwrap yields the kind and the cause, so errors.Is works for both.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

// kindForStatus maps an HTTP status to a kind.
func kindForStatus(status int) Kind {
	switch {
	case status == 400 || status == 422:
		return KindInvalid
	case status == 401:
		return KindUnauthorized
	case status == 403:
		return KindForbidden
	case status == 404:
		return KindNotFound
	case status == 409:
		return KindConflict
	case status == 429:
		return KindRateLimited
	case status >= 500:
		return KindUnavailable
	}
	return KindUnknown
}
