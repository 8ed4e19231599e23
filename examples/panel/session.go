package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
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

// sessions keeps logged-in sessions in memory; they end after idle time without a request. A
// visitor who has not logged in has an anonymous session that is stored nowhere: its cookie
// carries its CSRF token and language, signed with a key of this process, so requests without a
// cookie — a crawler's, a flood's — cost no memory.
type sessions struct {
	mu    sync.Mutex
	byID  map[string]*session
	idle  time.Duration
	now   func() time.Time
	swept time.Time
	key   []byte // signs anonymous sessions' cookies
}

func newSessions(idle time.Duration, now func() time.Time) *sessions {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return &sessions{byID: map[string]*session{}, idle: idle, now: now, key: key}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// anonymousPrefix starts an anonymous session's cookie; a stored session's ID never has a dot.
const anonymousPrefix = "a."

// get returns the request's live stored session, the anonymous one its cookie carries, or a new
// anonymous one.
func (s *sessions) get(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return s.anonymous()
	}
	if rest, ok := strings.CutPrefix(c.Value, anonymousPrefix); ok {
		if ss, ok := s.verify(rest); ok {
			return ss
		}
		return s.anonymous()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	if ss, ok := s.byID[c.Value]; ok {
		if now.Sub(ss.lastSeen) <= s.idle {
			ss.lastSeen = now
			return ss
		}
		delete(s.byID, c.Value)
	}
	return s.anonymous()
}

func (s *sessions) anonymous() *session {
	return &session{csrf: randomToken(), lang: "ja"}
}

// sign is the anonymous cookie's signature over its CSRF token and language.
func (s *sessions) sign(csrf, lang string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(csrf + "." + lang))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// verify reads an anonymous cookie (without its prefix): csrf.lang.signature.
func (s *sessions) verify(v string) (*session, bool) {
	parts := strings.Split(v, ".")
	if len(parts) != 3 || parts[1] != "ja" && parts[1] != "en" {
		return nil, false
	}
	if !hmac.Equal([]byte(parts[2]), []byte(s.sign(parts[0], parts[1]))) {
		return nil, false
	}
	return &session{csrf: parts[0], lang: parts[1]}, true
}

// sweep drops the idle sessions, at most once a minute, so that customers who never come back
// do not pile up. The caller holds s.mu.
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

// login stores the session under a new ID and token, so an ID planted before login is
// worthless after.
func (s *sessions) login(ss *session, account jstore.AccountID, staff bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss.id != "" {
		delete(s.byID, ss.id)
	}
	ss.id, ss.csrf, ss.account, ss.staff, ss.lastSeen = randomToken(), randomToken(), account, staff, s.now()
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

// cookie is the session's cookie — its ID, or for an anonymous session its signed state —
// HttpOnly, SameSite Lax, Secure over TLS.
func (s *sessions) cookie(ss *session, r *http.Request) *http.Cookie {
	v := ss.id
	if v == "" {
		v = anonymousPrefix + ss.csrf + "." + ss.lang + "." + s.sign(ss.csrf, ss.lang)
	}
	return &http.Cookie{Name: sessionCookie, Value: v, Path: "/", HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode}
}

// validToken compares a form's CSRF token with the session's in constant time.
func (ss *session) validToken(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(ss.csrf)) == 1
}
