package main

import (
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestThrottleUnderConcurrentGuesses: 24 guesses sent at once — the right password among them,
// as the twentieth — are verified at most five times (the limit), not all before the first
// failure is counted; the others are refused as locked without hashing anything.
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
		password := "wrong password 1"
		if i == 19 {
			password = demoPassword
		}
		wg.Go(func() {
			<-start
			statuses[i], _, _ = v.post("/login", url.Values{"login_id": {demoLogin}, "password": {password}})
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
}
