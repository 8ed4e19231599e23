package jstore

import (
	"context"
	"errors"

	"github.com/jstore-sdk/sdk/message"
)

// CACheckError says why the CA does not accept the SDK, in words an operator can act on.
type CACheckError struct {
	Problem Problem
	Err     error
}

func (e *CACheckError) Error() string {
	return "jstore: CA check: " + e.Problem.Message(message.English)
}

// Message returns what the operator should fix, in lang.
func (e *CACheckError) Message(lang message.Lang) string { return e.Problem.Message(lang) }
func (e *CACheckError) Unwrap() error                    { return e.Err }

// CheckCA makes the CA's cheapest authenticated call, for a panel to run at start-up: nil when
// the key and secret work, otherwise a *CACheckError whose Problem (codes ca_unauthorized,
// ca_forbidden, ca_unavailable, ca_error) tells the operator what to fix, in Japanese and
// English, naming the environment the keys were used against. The error also matches
// ErrCAUnauthorized, ErrCAForbidden or ErrCAUnavailable. With WithNotifiers, credentials the CA
// refuses raise AlertCACredentials for staff, cleared by the next check that passes.
func (s *Service) CheckCA(ctx context.Context) error {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	if s.ful.ca == nil {
		return errNoCA
	}
	err := s.ful.ca.Ping(ctx)
	if err == nil {
		return s.noteCACredentials(ctx, nil)
	}
	env := arg("env", environment(s.ful.ca.Environment()))
	p := newProblem("ca_error", "ca", env)
	switch {
	case errors.Is(err, ErrCAForbidden):
		p = newProblem("ca_forbidden", "ca", env)
	case errors.Is(err, ErrCAUnauthorized):
		p = newProblem("ca_unauthorized", "ca", env)
	case errors.Is(err, ErrCAUnavailable), errors.Is(err, context.DeadlineExceeded):
		p = newProblem("ca_unavailable", "ca", env)
	}
	checkErr := &CACheckError{Problem: p, Err: err}
	if errors.Is(err, ErrCAForbidden) || errors.Is(err, ErrCAUnauthorized) {
		if err := s.noteCACredentials(ctx, checkErr); err != nil {
			return errors.Join(checkErr, err)
		}
	}
	return checkErr
}

// noteCACredentials raises AlertCACredentials for a refusal, or clears it when the check
// passed (refused nil).
func (s *Service) noteCACredentials(ctx context.Context, refused *CACheckError) error {
	if len(s.ful.notifiers) == 0 {
		return nil
	}
	return s.store.Update(ctx, func(tx Tx) error {
		if refused == nil {
			return s.clear(ctx, tx, "", AlertCACredentials, caCredentialsKey)
		}
		return s.raise(ctx, tx, Alert{Kind: AlertCACredentials, Key: caCredentialsKey, Code: refused.Problem.Code, Reason: reasonOf(refused)})
	})
}

// environment names the CA's environment in the reader's language; any other API by its URL.
func environment(env string) message.Value {
	if env == "production" {
		return message.Phrase{JA: "本番", EN: "production"}
	}
	return message.Literal(env)
}
