package main

import (
	"strings"
	"sync"
	"time"
)

// throttle refuses logins for a login ID after too many failures in a window, so that
// passwords cannot be guessed at the speed of the network.
type throttle struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	max      int
	window   time.Duration
	now      func() time.Time
	swept    time.Time
}

func newThrottle(max int, window time.Duration, now func() time.Time) *throttle {
	return &throttle{failures: map[string][]time.Time{}, max: max, window: window, now: now}
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

// allowed reports whether a login for loginID may be tried now.
func (t *throttle) allowed(loginID string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.recent(key(loginID))) < t.max
}

func (t *throttle) failed(loginID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
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

func (t *throttle) succeeded(loginID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, key(loginID))
}
