package storetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testWebSessions: sessions are stored, replaced, found, removed and swept; the session key is
// made once; BeginLogin reserves at most max attempts under concurrent callers, counts failures
// for the window and unended attempts for LoginInFlight, and a success forgets the failures.
func testWebSessions(t *testing.T, st jstore.Store) {
	ctx := t.Context()
	s := st.(jstore.WebSessions)
	a := newAccount(t, st)
	ws := jstore.WebSession{ID: id("sess"), Account: a.ID, CSRF: "tok", Lang: "ja", LastSeen: t0}
	require.NoError(t, s.PutWebSession(ctx, ws))
	got, err := s.GetWebSession(ctx, ws.ID)
	require.NoError(t, err)
	assert.Equal(t, ws, got)
	ws.Lang, ws.LastSeen = "en", t0.Add(time.Minute)
	require.NoError(t, s.PutWebSession(ctx, ws))
	got, err = s.GetWebSession(ctx, ws.ID)
	require.NoError(t, err)
	assert.Equal(t, ws, got, "replaced")
	require.NoError(t, s.TouchWebSession(ctx, ws.ID, t0.Add(2*time.Minute)))
	got, err = s.GetWebSession(ctx, ws.ID)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(2*time.Minute), got.LastSeen.UTC(), "touched")
	assert.Equal(t, "en", got.Lang, "a touch leaves the rest")
	require.NoError(t, s.TouchWebSession(ctx, "no such session", t0), "touching a missing session")
	ws.LastSeen = got.LastSeen
	staff := jstore.WebSession{ID: id("sess"), Staff: true, CSRF: "tok2", Lang: "en", LastSeen: t0.Add(time.Hour)}
	require.NoError(t, s.PutWebSession(ctx, staff))
	n, err := s.SweepWebSessions(ctx, t0.Add(30*time.Minute), t0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, n, 1)
	_, err = s.GetWebSession(ctx, ws.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound, "idle: swept")
	got, err = s.GetWebSession(ctx, staff.ID)
	require.NoError(t, err)
	assert.True(t, got.Staff)
	require.NoError(t, s.DeleteWebSession(ctx, staff.ID))
	require.NoError(t, s.DeleteWebSession(ctx, staff.ID), "deleting what is gone")
	_, err = s.GetWebSession(ctx, staff.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound)

	k1, err := s.WebSessionKey(ctx)
	require.NoError(t, err)
	k2, err := s.WebSessionKey(ctx)
	require.NoError(t, err)
	assert.Len(t, k1, 32)
	assert.Equal(t, k1, k2, "made once")

	// 24 guesses at once: five reserved, however the callers interleave.
	login := id("login")
	var reserved atomic.Int32
	var wg sync.WaitGroup
	for range 24 {
		wg.Go(func() {
			_, ok, err := s.BeginLogin(ctx, login, t0, 15*time.Minute, 5)
			assert.NoError(t, err)
			if ok {
				reserved.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(5), reserved.Load())
	_, ok, err := s.BeginLogin(ctx, login, t0.Add(30*time.Second), 15*time.Minute, 5)
	require.NoError(t, err)
	assert.False(t, ok, "unended attempts count while in flight")
	_, ok, err = s.BeginLogin(ctx, login, t0.Add(jstore.LoginInFlight+time.Second), 15*time.Minute, 5)
	require.NoError(t, err)
	assert.True(t, ok, "an attempt whose process died stops counting")

	// Failures count for the window; a success forgets them.
	other := id("login")
	at := t0
	for range 5 {
		attempt, ok, err := s.BeginLogin(ctx, other, at, 15*time.Minute, 5)
		require.NoError(t, err)
		require.True(t, ok)
		require.NoError(t, s.EndLogin(ctx, other, attempt, jstore.LoginFailed, at))
		at = at.Add(time.Minute)
	}
	_, ok, err = s.BeginLogin(ctx, other, at, 15*time.Minute, 5)
	require.NoError(t, err)
	assert.False(t, ok, "five failures within the window")
	attempt, ok, err := s.BeginLogin(ctx, other, t0.Add(15*time.Minute+time.Second), 15*time.Minute, 5)
	require.NoError(t, err)
	require.True(t, ok, "the first failure left the window")
	require.NoError(t, s.EndLogin(ctx, other, attempt, jstore.LoginSucceeded, at))
	for range 5 {
		attempt, ok, err := s.BeginLogin(ctx, other, at, 15*time.Minute, 5)
		require.NoError(t, err)
		require.True(t, ok, "forgotten after the success")
		require.NoError(t, s.EndLogin(ctx, other, attempt, jstore.LoginAbandoned, at))
	}
}
