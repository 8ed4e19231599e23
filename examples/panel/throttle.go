package main

import (
	"context"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// throttle refuses logins for a login ID after too many failures in a window, so that
// passwords cannot be guessed at the speed of the network. A login reserves its attempt in the
// SDK's store before the password is hashed (which takes 100–500 ms): attempts in flight count
// as failures until they end, so guesses sent all at once — to one panel process or to several
// behind a load balancer — are verified no more often than guesses sent in turn.
type throttle struct {
	st     jstore.WebSessions
	max    int
	window time.Duration
	now    func() time.Time
}

func newThrottle(st jstore.WebSessions, max int, window time.Duration, now func() time.Time) *throttle {
	return &throttle{st: st, max: max, window: window, now: now}
}

func key(loginID string) string { return strings.ToLower(strings.TrimSpace(loginID)) }

// begin reserves an attempt for loginID, or reports that too many have failed or are in
// flight. Every reservation ends with end.
func (t *throttle) begin(ctx context.Context, loginID string) (attempt string, ok bool, err error) {
	return t.st.BeginLogin(ctx, key(loginID), t.now(), t.window, t.max)
}

// end ends an attempt: failed counts for the window, succeeded forgets the failures,
// abandoned (the store failed) drops it. It runs even when the request was cancelled.
func (t *throttle) end(ctx context.Context, loginID, attempt string, outcome jstore.LoginOutcome) error {
	return t.st.EndLogin(context.WithoutCancel(ctx), key(loginID), attempt, outcome, t.now())
}
