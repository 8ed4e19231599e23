package jstore_test

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// TestConcurrentLoginsStayBounded: 200 logins at once, each argon2id run costing 8 MiB, through
// two hashing slots. The heap stays under 160 MiB (two runs in flight, the garbage of those
// before them, the test itself); without the slots the 200 runs would hold 1.6 GiB at once.
func TestConcurrentLoginsStayBounded(t *testing.T) {
	const (
		logins  = 200
		slots   = 2
		perHash = 8 << 20
		bound   = 160 << 20
	)
	f := newFixture(t, jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: perHash >> 10, Threads: 1}),
		jstore.WithPasswordHashConcurrency(slots))
	f.account(t, "burst")

	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	var ok atomic.Int32
	for i := range logins {
		wg.Go(func() {
			password := "correct horse 1"
			if i%2 == 1 {
				password = "wrong horse 1"
			}
			if _, err := f.svc.Authenticate(t.Context(), "burst", password); err == nil {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	close(stop)
	<-sampled
	assert.EqualValues(t, logins/2, ok.Load(), "every right password logs in")
	assert.Less(t, peak.Load(), uint64(bound), "peak heap %d MiB", peak.Load()>>20)
	t.Logf("peak heap during %d concurrent logins: %d MiB", logins, peak.Load()>>20)
	_, err := jstore.New(f.store, jstore.WithPasswordHashConcurrency(0))
	assert.Error(t, err, "at least one slot")
}

// TestStoredHashBeyondBoundsIsRefused: a stored hash whose cost exceeds the bounds (a tampered
// or foreign record) is refused without being run; so are malformed ones.
func TestStoredHashBeyondBoundsIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	id := f.account(t, "tampered")
	good, err := f.svc.GetAccount(ctx, id)
	require.NoError(t, err)
	salt, key := phcTail(good.PasswordHash)
	for _, hash := range []string{
		"$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key, // 4 GiB
		"$argon2id$v=19$m=64,t=100000,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=65536,t=1,p=255$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$$" + key,                                 // no salt
		"$argon2id$v=19$m=64,t=1,p=1$" + strings.Repeat("A", 400) + "$" + key, // oversized
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"",
	} {
		require.NoError(t, f.store.Update(ctx, func(tx jstore.Tx) error {
			a, err := tx.GetAccount(ctx, id)
			if err != nil {
				return err
			}
			a.PasswordHash = hash
			return tx.UpdateAccount(ctx, &a)
		}))
		_, err := f.svc.Authenticate(ctx, "tampered", "correct horse 1")
		assert.ErrorIs(t, err, jstore.ErrUnauthenticated, hash)
	}
}

func phcTail(hash string) (salt, key string) {
	parts := strings.Split(hash, "$")
	return parts[4], parts[5]
}

// TestLoginIDIgnoresCase: ALICE and alice are one account; the login ID is kept as typed.
func TestLoginIDIgnoresCase(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	a, err := f.svc.Register(ctx, jstore.RegisterRequest{LoginID: "Alice.Sato", Password: "correct horse 1", Customer: customer})
	require.NoError(t, err)
	for _, login := range []string{"Alice.Sato", "alice.sato", "ALICE.SATO"} {
		got, err := f.svc.Authenticate(ctx, login, "correct horse 1")
		require.NoError(t, err, login)
		assert.Equal(t, a.ID, got.ID)
		assert.Equal(t, "Alice.Sato", got.LoginID, "kept as typed, for display")
	}
	_, err = f.svc.Register(ctx, jstore.RegisterRequest{LoginID: "ALICE.sato", Password: "another pass 2", Customer: customer})
	assert.ErrorIs(t, err, jstore.ErrExists)
	other := f.account(t, "bob")
	assert.ErrorIs(t, f.svc.ChangeLoginID(ctx, other, "correct horse 1", "alice.SATO"), jstore.ErrExists)
	require.NoError(t, f.svc.ChangeLoginID(ctx, a.ID, "correct horse 1", "alice.sato"), "an account may change its own case")
	got, err := f.svc.Authenticate(ctx, "ALICE.SATO", "correct horse 1")
	require.NoError(t, err)
	assert.Equal(t, "alice.sato", got.LoginID)
}
