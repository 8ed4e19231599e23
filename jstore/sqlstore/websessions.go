package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.WebSessions = (*Store)(nil)

// PutWebSession implements jstore.WebSessions.
func (s *Store) PutWebSession(ctx context.Context, ws jstore.WebSession) error {
	if ws.ID == "" {
		return missingKey("web session")
	}
	return s.Update(ctx, func(jt jstore.Tx) error {
		_, err := rawTx(jt).exec(ctx, `INSERT INTO web_sessions (id, account, staff, csrf, lang, last_seen) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET account = excluded.account, staff = excluded.staff, csrf = excluded.csrf, lang = excluded.lang,
			last_seen = excluded.last_seen`, ws.ID, ws.Account, ws.Staff, ws.CSRF, ws.Lang, nanos(ws.LastSeen))
		return err
	})
}

// TouchWebSession implements jstore.WebSessions.
func (s *Store) TouchWebSession(ctx context.Context, id string, at time.Time) error {
	return s.Update(ctx, func(jt jstore.Tx) error {
		_, err := rawTx(jt).exec(ctx, `UPDATE web_sessions SET last_seen = ? WHERE id = ?`, nanos(at), id)
		return err
	})
}

// GetWebSession implements jstore.WebSessions.
func (s *Store) GetWebSession(ctx context.Context, id string) (jstore.WebSession, error) {
	ws := jstore.WebSession{ID: id}
	var seen int64
	err := s.rd.QueryRowContext(ctx, s.d.bind(`SELECT account, staff, csrf, lang, last_seen FROM web_sessions WHERE id = ?`), id).
		Scan(&ws.Account, &ws.Staff, &ws.CSRF, &ws.Lang, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return jstore.WebSession{}, jstore.ErrNotFound
	}
	ws.LastSeen = time.Unix(0, seen).UTC()
	return ws, err
}

// DeleteWebSession implements jstore.WebSessions.
func (s *Store) DeleteWebSession(ctx context.Context, id string) error {
	return s.Update(ctx, func(jt jstore.Tx) error {
		_, err := rawTx(jt).exec(ctx, `DELETE FROM web_sessions WHERE id = ?`, id)
		return err
	})
}

// SweepWebSessions implements jstore.WebSessions.
func (s *Store) SweepWebSessions(ctx context.Context, idleSince, attemptsSince time.Time) (int, error) {
	var n int64
	err := s.Update(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		var err error
		if n, err = t.exec(ctx, `DELETE FROM web_sessions WHERE last_seen < ?`, nanos(idleSince)); err != nil {
			return err
		}
		_, err = t.exec(ctx, `DELETE FROM login_attempts WHERE at_ns < ?`, nanos(attemptsSince))
		return err
	})
	return int(n), err
}

// WebSessionKey implements jstore.WebSessions: the first process to ask makes the key.
func (s *Store) WebSessionKey(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	var key []byte
	err := s.Update(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		if _, err := t.exec(ctx, `INSERT INTO web_keys (name, secret) VALUES ('session', ?) ON CONFLICT (name) DO NOTHING`, fresh); err != nil {
			return err
		}
		return t.scanRow(ctx, `SELECT secret FROM web_keys WHERE name = 'session'`, nil, &key)
	})
	return key, err
}

// BeginLogin implements jstore.WebSessions. The login key's row in login_keys is written first,
// which locks it until the transaction ends, so that two processes count and reserve for one
// key in turn.
func (s *Store) BeginLogin(ctx context.Context, key string, now time.Time, window time.Duration, max int) (string, bool, error) {
	id := rand.Text()
	var ok bool
	err := s.Update(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		ok = false
		if _, err := t.exec(ctx, `INSERT INTO login_keys (key, touched) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET touched = excluded.touched`, key, nanos(now)); err != nil {
			return err
		}
		var counted int
		if err := t.scanRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE key = ? AND (failed AND at_ns > ? OR NOT failed AND at_ns > ?)`,
			[]any{key, nanos(now.Add(-window)), nanos(now.Add(-jstore.LoginInFlight))}, &counted); err != nil {
			return err
		}
		if counted >= max {
			return nil
		}
		ok = true
		_, err := t.exec(ctx, `INSERT INTO login_attempts (key, id, at_ns, failed) VALUES (?, ?, ?, FALSE)`, key, id, nanos(now))
		return err
	})
	if err != nil || !ok {
		return "", false, err
	}
	return id, true, nil
}

// EndLogin implements jstore.WebSessions.
func (s *Store) EndLogin(ctx context.Context, key, id string, outcome jstore.LoginOutcome, now time.Time) error {
	return s.Update(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		var err error
		switch outcome {
		case jstore.LoginFailed:
			_, err = t.exec(ctx, `UPDATE login_attempts SET failed = TRUE, at_ns = ? WHERE key = ? AND id = ?`, nanos(now), key, id)
		case jstore.LoginSucceeded:
			_, err = t.exec(ctx, `DELETE FROM login_attempts WHERE key = ?`, key)
		default:
			_, err = t.exec(ctx, `DELETE FROM login_attempts WHERE key = ? AND id = ?`, key, id)
		}
		return err
	})
}

// rawTx is the transaction under the jstore.Tx a Store hands out.
func rawTx(jt jstore.Tx) *tx {
	if b, ok := jt.(batchTx); ok {
		return b.tx
	}
	return jt.(*tx)
}
