package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

const sessionCookie = "panel_session"

// session is one browser's state on the server; the cookie holds only its random ID.
type session struct {
	id       string
	account  jstore.AccountID // empty until login
	staff    bool
	csrf     string
	lang     string
	lastSeen time.Time
}

// sessions keeps sessions in memory; they end after idle time without a request.
type sessions struct {
	mu    sync.Mutex
	byID  map[string]*session
	idle  time.Duration
	now   func() time.Time
	swept time.Time
}

func newSessions(idle time.Duration, now func() time.Time) *sessions {
	return &sessions{byID: map[string]*session{}, idle: idle, now: now}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// get returns the request's live session, or a new anonymous one.
func (s *sessions) get(r *http.Request) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if c, err := r.Cookie(sessionCookie); err == nil {
		if ss, ok := s.byID[c.Value]; ok {
			if now.Sub(ss.lastSeen) <= s.idle {
				ss.lastSeen = now
				return ss
			}
			delete(s.byID, c.Value)
		}
	}
	s.sweep(now)
	ss := &session{id: randomToken(), csrf: randomToken(), lang: "ja", lastSeen: now}
	s.byID[ss.id] = ss
	return ss
}

// sweep drops the idle sessions, at most once a minute, so that visitors who never come back
// (a crawler makes a session per request) do not pile up.
func (s *sessions) sweep(now time.Time) {
	if now.Sub(s.swept) < time.Minute {
		return
	}
	s.swept = now
	for id, ss := range s.byID {
		if now.Sub(ss.lastSeen) > s.idle {
			delete(s.byID, id)
		}
	}
}

// login rotates the session's ID and token, so an ID planted before login is worthless after.
func (s *sessions) login(ss *session, account jstore.AccountID, staff bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, ss.id)
	ss.id, ss.csrf, ss.account, ss.staff = randomToken(), randomToken(), account, staff
	s.byID[ss.id] = ss
}

func (s *sessions) logout(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, ss.id)
}

// setLang changes the session's language.
func (s *sessions) setLang(ss *session, lang string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss.lang = lang
}

// cookie is the session's cookie: HttpOnly, SameSite Lax, Secure over TLS.
func (ss *session) cookie(r *http.Request) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: ss.id, Path: "/", HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode}
}

// validToken compares a form's CSRF token with the session's in constant time.
func (ss *session) validToken(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(ss.csrf)) == 1
}
