package memstore

import (
	"context"
	"crypto/rand"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.WebSessions = (*Store)(nil)

// webState is the store's web sessions and login attempts, under their own lock: a request's
// session read must not wait behind a Sync transaction.
type webState struct {
	mu       sync.Mutex
	sessions map[string]jstore.WebSession
	attempts map[string]map[string]attempt // login key → attempt ID → attempt
	key      []byte
}

// attempt is one login attempt: begun at, or failed at.
type attempt struct {
	at     time.Time
	failed bool
}

func (w *webState) init() {
	if w.sessions == nil {
		w.sessions, w.attempts = map[string]jstore.WebSession{}, map[string]map[string]attempt{}
	}
}

// PutWebSession implements jstore.WebSessions.
func (s *Store) PutWebSession(ctx context.Context, ws jstore.WebSession) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if ws.ID == "" {
		return missingKey("web session")
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	s.web.init()
	s.web.sessions[ws.ID] = ws
	return nil
}

// TouchWebSession implements jstore.WebSessions.
func (s *Store) TouchWebSession(ctx context.Context, id string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	if ws, ok := s.web.sessions[id]; ok {
		ws.LastSeen = at
		s.web.sessions[id] = ws
	}
	return nil
}

// GetWebSession implements jstore.WebSessions.
func (s *Store) GetWebSession(ctx context.Context, id string) (jstore.WebSession, error) {
	if err := ctx.Err(); err != nil {
		return jstore.WebSession{}, err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	ws, ok := s.web.sessions[id]
	if !ok {
		return jstore.WebSession{}, jstore.ErrNotFound
	}
	return ws, nil
}

// DeleteWebSession implements jstore.WebSessions.
func (s *Store) DeleteWebSession(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	delete(s.web.sessions, id)
	return nil
}

// SweepWebSessions implements jstore.WebSessions.
func (s *Store) SweepWebSessions(ctx context.Context, idleSince, attemptsSince time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	n := 0
	for id, ws := range s.web.sessions {
		if ws.LastSeen.Before(idleSince) {
			delete(s.web.sessions, id)
			n++
		}
	}
	for k, as := range s.web.attempts {
		for id, a := range as {
			if a.at.Before(attemptsSince) {
				delete(as, id)
			}
		}
		if len(as) == 0 {
			delete(s.web.attempts, k)
		}
	}
	return n, nil
}

// WebSessionKey implements jstore.WebSessions.
func (s *Store) WebSessionKey(ctx context.Context) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	if s.web.key == nil {
		s.web.key = make([]byte, 32)
		if _, err := rand.Read(s.web.key); err != nil {
			s.web.key = nil
			return nil, err
		}
	}
	return append([]byte(nil), s.web.key...), nil
}

// BeginLogin implements jstore.WebSessions.
func (s *Store) BeginLogin(ctx context.Context, key string, now time.Time, window time.Duration, max int) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	s.web.init()
	counted := 0
	for _, a := range s.web.attempts[key] {
		if a.failed && a.at.After(now.Add(-window)) || !a.failed && a.at.After(now.Add(-jstore.LoginInFlight)) {
			counted++
		}
	}
	if counted >= max {
		return "", false, nil
	}
	id := rand.Text()
	if s.web.attempts[key] == nil {
		s.web.attempts[key] = map[string]attempt{}
	}
	s.web.attempts[key][id] = attempt{at: now}
	return id, true, nil
}

// EndLogin implements jstore.WebSessions.
func (s *Store) EndLogin(ctx context.Context, key, id string, outcome jstore.LoginOutcome, now time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.web.mu.Lock()
	defer s.web.mu.Unlock()
	switch outcome {
	case jstore.LoginFailed:
		if _, ok := s.web.attempts[key][id]; ok {
			s.web.attempts[key][id] = attempt{at: now, failed: true}
		}
	case jstore.LoginSucceeded:
		delete(s.web.attempts, key)
	default:
		delete(s.web.attempts[key], id)
	}
	return nil
}
