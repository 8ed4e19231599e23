package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// postgresSchema is a PostgreSQL address (JSTORE_TEST_POSTGRES_DSN) whose search path is a
// schema of its own, dropped when the test ends. Without the variable the test skips naming
// it, and fails under JSTORE_REQUIRE_INTEGRATION=1.
func postgresSchema(t *testing.T) string {
	dsn := os.Getenv("JSTORE_TEST_POSTGRES_DSN")
	if dsn == "" {
		testkit.Missing(t, "set JSTORE_TEST_POSTGRES_DSN to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable (Debian: postgresql) to run the panel on PostgreSQL")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "panel_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	_, err = admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestTwoProcessesShareSessions: two panel processes on one PostgreSQL database, as behind a
// load balancer (a browser's cookies go to both: the cookie jar keys them by host, not port).
// A login on one is valid on the other, and a logout on either ends it on both; an anonymous
// visitor's form from one is accepted by the other; 24 wrong guesses spread over both at once
// are verified at most five times, and the lock holds on both.
func TestTwoProcessesShareSessions(t *testing.T) {
	t.Parallel()
	dsn := postgresSchema(t)
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
