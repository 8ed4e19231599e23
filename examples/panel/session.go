package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
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

// sessions keeps logged-in sessions in the SDK's store (jstore.WebSessions), so that every
// panel process behind a load balancer knows them; they end after idle time without a request.
// The store holds a hash of the cookie's secret, never the secret. A visitor who has not logged
// in has an anonymous session that is stored nowhere: its cookie carries its CSRF token and
// language, signed with a key the store keeps for every process, so requests without a cookie —
// a crawler's, a flood's — cost nothing.
type sessions struct {
	st     jstore.WebSessions
	idle   time.Duration
	window time.Duration // the throttle's: attempts older than this are swept
	now    func() time.Time
	key    []byte
	swept  atomic.Int64 // when this process last swept, in Unix nanoseconds
}

// touchEvery is how stale a session's last-seen time may get before a request writes it: a
// request reads its session, and writes it only once a minute.
const touchEvery = time.Minute

func newSessions(ctx context.Context, st jstore.WebSessions, idle, window time.Duration, now func() time.Time) (*sessions, error) {
	key, err := st.WebSessionKey(ctx)
	if err != nil {
		return nil, err
	}
	return &sessions{st: st, idle: idle, window: window, now: now, key: key}, nil
}

// storeID is what the store finds a session by: the cookie secret's hash.
func storeID(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// anonymousPrefix starts an anonymous session's cookie; a stored session's ID never has a dot.
const anonymousPrefix = "a."

// get returns the request's live stored session, the anonymous one its cookie carries, or a new
// anonymous one; an error only when the store fails.
func (s *sessions) get(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return s.anonymous(), nil
	}
	if rest, ok := strings.CutPrefix(c.Value, anonymousPrefix); ok {
		if ss, ok := s.verify(rest); ok {
			return ss, nil
		}
		return s.anonymous(), nil
	}
	ctx, now := r.Context(), s.now()
	if err := s.sweep(ctx, now); err != nil {
		return nil, err
	}
	ws, err := s.st.GetWebSession(ctx, storeID(c.Value))
	switch {
	case errors.Is(err, jstore.ErrNotFound):
		return s.anonymous(), nil
	case err != nil:
		return nil, err
	case now.Sub(ws.LastSeen) > s.idle:
		return s.anonymous(), s.st.DeleteWebSession(ctx, ws.ID)
	case now.Sub(ws.LastSeen) > touchEvery:
		ws.LastSeen = now
		if err := s.st.TouchWebSession(ctx, ws.ID, now); err != nil {
			return nil, err
		}
	}
	return &session{id: c.Value, account: ws.Account, staff: ws.Staff, csrf: ws.CSRF, lang: ws.Lang, lastSeen: ws.LastSeen}, nil
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

// sweep drops the idle sessions and the login attempts that no longer count, at most once a
// minute in each process, so that customers who never come back do not pile up.
func (s *sessions) sweep(ctx context.Context, now time.Time) error {
	last := s.swept.Load()
	if now.Sub(time.Unix(0, last)) < time.Minute || !s.swept.CompareAndSwap(last, now.UnixNano()) {
		return nil
	}
	_, err := s.st.SweepWebSessions(ctx, now.Add(-s.idle), now.Add(-s.window))
	return err
}

// login stores the session under a new secret and token, so an ID planted before login is
// worthless after.
func (s *sessions) login(ctx context.Context, ss *session, account jstore.AccountID, staff bool) error {
	if ss.id != "" {
		if err := s.st.DeleteWebSession(ctx, storeID(ss.id)); err != nil {
			return err
		}
	}
	ss.id, ss.csrf, ss.account, ss.staff, ss.lastSeen = randomToken(), randomToken(), account, staff, s.now()
	return s.put(ctx, ss)
}

func (s *sessions) put(ctx context.Context, ss *session) error {
	return s.st.PutWebSession(ctx, jstore.WebSession{ID: storeID(ss.id), Account: ss.account, Staff: ss.staff, CSRF: ss.csrf, Lang: ss.lang, LastSeen: ss.lastSeen})
}

func (s *sessions) logout(ctx context.Context, ss *session) error {
	return s.st.DeleteWebSession(ctx, storeID(ss.id))
}

// setLang changes the session's language; a stored session keeps it in the store, an
// anonymous one in its cookie.
func (s *sessions) setLang(ctx context.Context, ss *session, lang string) error {
	ss.lang = lang
	if ss.id == "" {
		return nil
	}
	return s.put(ctx, ss)
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
