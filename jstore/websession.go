package jstore

import (
	"context"
	"time"
)

// WebSession is a logged-in browser session of a panel built on the SDK, kept in the store so
// that every panel process behind a load balancer knows it. ID is what the store finds it by:
// a panel stores a hash of the cookie's secret, never the secret.
type WebSession struct {
	ID       string
	Account  AccountID // "" for staff
	Staff    bool
	CSRF     string
	Lang     string
	LastSeen time.Time
}

// LoginOutcome ends a login attempt reserved with BeginLogin.
type LoginOutcome int

const (
	LoginFailed    LoginOutcome = iota + 1 // a wrong password: it counts against the login ID for the window
	LoginSucceeded                         // the right password: the login ID's failures are forgotten
	LoginAbandoned                         // neither (the store failed): the attempt is dropped
)

// WebSessions is optional on a Store: a panel's logged-in sessions and its login throttle,
// shared by every process on the store. memstore and sqlstore have it; storetest checks it.
type WebSessions interface {
	// PutWebSession stores s, replacing a session with its ID.
	PutWebSession(ctx context.Context, s WebSession) error
	// TouchWebSession sets the session's LastSeen, leaving the rest as another request may have
	// just written it; touching a missing session is not an error.
	TouchWebSession(ctx context.Context, id string, at time.Time) error
	// GetWebSession returns the session id, or ErrNotFound.
	GetWebSession(ctx context.Context, id string) (WebSession, error)
	// DeleteWebSession removes the session id; removing a missing one is not an error.
	DeleteWebSession(ctx context.Context, id string) error
	// SweepWebSessions removes the sessions last seen before idleSince and the login attempts
	// begun or failed before attemptsSince (which no longer count), and reports how many
	// sessions went.
	SweepWebSessions(ctx context.Context, idleSince, attemptsSince time.Time) (int, error)
	// WebSessionKey is a 32-byte random key made once for the store, for what every process
	// must sign alike (an anonymous visitor's cookie).
	WebSessionKey(ctx context.Context) ([]byte, error)
	// BeginLogin reserves an attempt for key unless max attempts already count: failures
	// since now-window, and attempts begun since now-LoginInFlight and not yet ended. Two
	// processes never reserve past max. The attempt is ended with EndLogin.
	BeginLogin(ctx context.Context, key string, now time.Time, window time.Duration, max int) (attempt string, ok bool, err error)
	// EndLogin ends attempt: a failure counts from now, a success forgets key's failures.
	EndLogin(ctx context.Context, key, attempt string, outcome LoginOutcome, now time.Time) error
}

// LoginInFlight is how long an attempt that never ended (its process died) keeps counting.
const LoginInFlight = time.Minute
