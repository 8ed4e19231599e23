package ca

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
)

const redacted = "[REDACTED]"

// sealed holds the credentials inside closures. Reflection, and so every fmt verb and every
// logger that walks a value, cannot reach the variables a closure captures: a Client, or any
// struct holding one, prints a function address where the header would be.
type sealed struct {
	header func() string       // the Authorization header value
	redact func(string) string // replaces every echo of the key, the secret or the header
}

func seal(key, secret string) sealed {
	header := "sso-key " + key + ":" + secret
	echoes := []string{header, key + ":" + secret, base64.StdEncoding.EncodeToString([]byte(key + ":" + secret))}
	for _, s := range []string{key, secret} {
		echoes = append(echoes, s)
		if q := url.QueryEscape(s); q != s {
			echoes = append(echoes, q)
		}
	}
	// Longest first, so the header is replaced whole rather than piece by piece.
	pairs := make([]string, 0, 2*len(echoes))
	for _, e := range echoes {
		pairs = append(pairs, e, redacted)
	}
	r := strings.NewReplacer(pairs...)
	return sealed{
		header: func() string { return header },
		redact: r.Replace,
	}
}

// clean scrubs what a CA or a proxy may have echoed back (the key, the secret, the header)
// from every text of e before it reaches a caller or a log line. A cause whose text holds an
// echo is replaced by its scrubbed text: its chain is dropped with the secret.
func (s sealed) clean(e *Error) *Error {
	e.Code = s.redact(e.Code)
	e.Message = s.redact(e.Message)
	for i := range e.Fields {
		f := &e.Fields[i]
		f.Code, f.Path, f.Message = s.redact(f.Code), s.redact(f.Path), s.redact(f.Message)
	}
	if e.Err != nil {
		if text := e.Err.Error(); s.redact(text) != text {
			e.Err = errors.New(s.redact(text))
		}
	}
	return e
}
