package main

import (
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestThrottleUnderConcurrentGuesses: 24 wrong guesses sent at once are verified at most five
// times (the limit), not all before the first failure is counted; the others are refused as
// locked without hashing anything, and so is the right password sent next. (With the right
// password among the burst the run would depend on the order: a success among the first five
// lets its owner in and forgets the failures, as it should.)
func TestThrottleUnderConcurrentGuesses(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	const guesses = 24
	visitors := make([]*visitor, guesses)
	for i := range visitors {
		visitors[i] = p.visitor(t)
		visitors[i].get("/login")
	}
	statuses := make([]int, guesses)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, v := range visitors {
		wg.Go(func() {
			<-start
			statuses[i], _, _ = v.post("/login", url.Values{"login_id": {demoLogin}, "password": {"wrong password 1"}})
		})
	}
	close(start)
	wg.Wait()
	verified, locked := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusUnauthorized, http.StatusSeeOther:
			verified++
		case http.StatusTooManyRequests:
			locked++
		}
	}
	assert.LessOrEqual(t, verified, 5, "statuses %v", statuses)
	assert.Equal(t, guesses, verified+locked, "statuses %v", statuses)
	next := p.visitor(t)
	next.get("/login")
	status, _, _ := next.post("/login", url.Values{"login_id": {demoLogin}, "password": {demoPassword}})
	assert.Equal(t, http.StatusTooManyRequests, status, "the right password, sent next, is refused while locked")
}
