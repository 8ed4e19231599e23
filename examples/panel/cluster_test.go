package main

import (
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// TestTwoProcessesShareSessions: two panel processes on one PostgreSQL database, as behind a
// load balancer (a browser's cookies go to both: the cookie jar keys them by host, not port).
// A login on one is valid on the other, and a logout on either ends it on both; an anonymous
// visitor's form from one is accepted by the other; 24 wrong guesses spread over both at once
// are verified at most five times, and the lock holds on both.
func TestTwoProcessesShareSessions(t *testing.T) {
	t.Parallel()
	dsn := testkit.PostgresSchema(t, testkit.PostgresDSN(t))
	onPostgres := func(c *config) { c.sqlite, c.postgres = "", dsn }
	a := newTestPanel(t, onPostgres)
	b := newTestPanel(t, onPostgres)

	v := a.visitor(t)
	v.get("/login")
	v.p = b // the form from a, posted to b
	status, _, _ := v.post("/login", url.Values{"login_id": {demoLogin}, "password": {demoPassword}})
	require.Equal(t, http.StatusSeeOther, status, "b accepts a's anonymous form: one session key for both")
	v.p = a
	status, _, _ = v.get("/certificates")
	assert.Equal(t, http.StatusOK, status, "logged in on b, known on a")
	status, _, _ = v.post("/logout", nil)
	assert.Equal(t, http.StatusSeeOther, status)
	v.p = b
	status, loc, _ := v.get("/certificates")
	assert.Equal(t, http.StatusSeeOther, status, "logged out on a, gone on b")
	assert.Equal(t, "/login", loc)

	const guesses = 24
	statuses := make([]int, guesses)
	visitors := make([]*visitor, guesses)
	for i := range visitors {
		p := a
		if i%2 == 1 {
			p = b
		}
		visitors[i] = p.visitor(t)
		visitors[i].get("/login")
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, g := range visitors {
		wg.Go(func() {
			<-start
			statuses[i], _, _ = g.post("/login", url.Values{"login_id": {demoLogin}, "password": {"wrong password 1"}})
		})
	}
	close(start)
	wg.Wait()
	verified := 0
	for _, s := range statuses {
		if s == http.StatusUnauthorized {
			verified++
		}
	}
	assert.LessOrEqual(t, verified, 5, "statuses %v", statuses)
	for _, p := range []*testPanel{a, b} {
		next := p.visitor(t)
		next.get("/login")
		status, _, _ := next.post("/login", url.Values{"login_id": {demoLogin}, "password": {demoPassword}})
		assert.Equal(t, http.StatusTooManyRequests, status, "locked on both")
	}
}
