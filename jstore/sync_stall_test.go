package jstore_test

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
)

// silentCA accepts connections and never answers, as a CA behind a stuck load balancer does.
func silentCA(t *testing.T) jstore.CA {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	held := make(chan net.Conn, 1024)
	t.Cleanup(func() {
		ln.Close()
		close(held)
		for c := range held {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held <- c
		}
	}()
	c, err := ca.NewClient("key", "secret", ca.WithBaseURL("http://"+ln.Addr().String()), ca.WithoutRateLimit())
	require.NoError(t, err)
	a, err := adapter.New(c, "")
	require.NoError(t, err)
	return a
}

// TestSyncAgainstASilentCA: every CA call has its own deadline and a pass hands out work only
// until its own, so a CA that never answers ends the pass instead of holding it for one HTTP
// timeout per application; what was due and not started is reported as left for the next pass.
func TestSyncAgainstASilentCA(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	placer := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "stall")
	const apps = 40
	for i := range apps {
		app := registeredApp(t, rig.f, placer, acct, dv1, fmt.Sprintf("s%02d.example.jp", i))
		_, err := placer.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
		require.NoError(t, err)
	}
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Hour)) // every order is due for a status read

	stalled := rig.service(t, jstore.WithCA(silentCA(t)), jstore.WithCATimeout(100*time.Millisecond), jstore.WithSyncLimits(300*time.Millisecond, 4))
	rep, err := stalled.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, apps, rep.Due+rep.Left, "every due order is either tried or reported left: %+v", rep)
	assert.Positive(t, rep.Left, "40 calls of 100 ms on 4 workers do not fit a 300 ms pass: %+v", rep)
	assert.Equal(t, rep.Due, rep.Failed, "each call tried ran out of time: %+v", rep)
	assert.Zero(t, rep.Issued)

	next, err := placer.Sync(ctx)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, next.Due, rep.Left, "what was left is due in the next pass")
	assert.Zero(t, next.Left)
}
