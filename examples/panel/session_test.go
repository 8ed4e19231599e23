package main

import (
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnonymousRequestsStoreNothing: requests without a cookie — a crawler's, a flood's — leave
// no session on the server; an anonymous visitor's form still needs its own CSRF token, a
// tampered anonymous cookie is a new visitor, and only a login stores a session.
func TestAnonymousRequestsStoreNothing(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	for range 1000 {
		resp, err := http.Get(p.srv.URL + "/login")
		require.NoError(t, err)
		resp.Body.Close()
	}
	stored := func() int { return p.storedSessions(t) }
	assert.Zero(t, stored(), "1,000 anonymous requests store no session")

	v := p.visitor(t)
	v.get("/login")
	status, _, _ := v.get("/lang?to=en&back=/login")
	assert.Equal(t, http.StatusSeeOther, status)
	_, _, page := v.get("/login")
	assert.Contains(t, page, `lang="en"`, "an anonymous visitor keeps its language in its cookie")
	assert.Zero(t, stored())

	forged := p.visitor(t)
	forged.get("/login")
	u, _ := url.Parse(p.srv.URL)
	for _, c := range forged.c.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			c.Value = strings.Replace(c.Value, ".ja.", ".en.", 1)
			forged.c.Jar.SetCookies(u, []*http.Cookie{c})
		}
	}
	status, _, _ = forged.post("/login", url.Values{"login_id": {demoLogin}, "password": {demoPassword}})
	assert.Equal(t, http.StatusForbidden, status, "a tampered cookie is not the session whose token the form carries")

	status, _, _ = v.login(demoLogin, demoPassword)
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, 1, stored(), "a login stores its session")
}

// storedSessions counts the sessions in the panel's database, read with SQL of its own.
func (p *testPanel) storedSessions(t *testing.T) int {
	db, err := sql.Open("sqlite", "file:"+p.db)
	require.NoError(t, err)
	defer db.Close()
	var n int
	require.NoError(t, db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM web_sessions`).Scan(&n))
	return n
}
