package main

import (
	"strings"
	"sync"
	"time"
)

// throttle refuses logins for a login ID after too many failures in a window, so that
// passwords cannot be guessed at the speed of the network. A login reserves its attempt before
// the password is hashed (which takes 100–500 ms): attempts in flight count as failures until
// they end, so guesses sent all at once are verified no more often than guesses sent in turn.
type throttle struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	inflight map[string]int
	max      int
	window   time.Duration
	now      func() time.Time
	swept    time.Time
}

func newThrottle(max int, window time.Duration, now func() time.Time) *throttle {
	return &throttle{failures: map[string][]time.Time{}, inflight: map[string]int{}, max: max, window: window, now: now}
}

func key(loginID string) string { return strings.ToLower(strings.TrimSpace(loginID)) }

// recent drops failures older than the window and returns the rest.
func (t *throttle) recent(k string) []time.Time {
	cut := t.now().Add(-t.window)
	fs := t.failures[k]
	i := 0
	for i < len(fs) && fs[i].Before(cut) {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(t.failures, k)
	} else {
		t.failures[k] = fs
	}
	return fs
}

// begin reserves an attempt for loginID, or reports that too many have failed or are in
// flight. Every reservation ends with failed, succeeded or abandoned.
func (t *throttle) begin(loginID string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := key(loginID)
	if len(t.recent(k))+t.inflight[k] >= t.max {
		return false
	}
	t.inflight[k]++
	return true
}

// end releases a reservation.
func (t *throttle) end(k string) {
	if t.inflight[k]--; t.inflight[k] <= 0 {
		delete(t.inflight, k)
	}
}

// abandoned ends an attempt that was neither right nor wrong (the store failed).
func (t *throttle) abandoned(loginID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.end(key(loginID))
}

// failed ends an attempt with a wrong password, which counts for the window.
func (t *throttle) failed(loginID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.end(key(loginID))
	// Many login IDs tried: forget the ones whose window passed, at most once a minute so that
	// a flood of failures does not walk the map on every one.
	if now := t.now(); len(t.failures) > 10_000 && now.Sub(t.swept) >= time.Minute {
		t.swept = now
		for k := range t.failures {
			t.recent(k)
		}
	}
	k := key(loginID)
	t.failures[k] = append(t.recent(k), t.now())
}

// succeeded ends an attempt with the right password and forgets the earlier failures.
func (t *throttle) succeeded(loginID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.end(key(loginID))
	delete(t.failures, key(loginID))
}
