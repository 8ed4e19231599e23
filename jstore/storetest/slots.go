package storetest

import (
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
)

// testRateSlots checks ca.SlotStore: a slot is taken only within the bound, a refusal or a
// negative bound changes nothing and says when the next slot is, names are separate, an idle
// budget starts from now, and concurrent takers never share a slot.
func testRateSlots(t *testing.T, s jstore.Store) {
	st := s.(ca.SlotStore)
	ctx := t.Context()
	name := id("budget")
	sec := time.Second
	steps := []struct {
		name   string
		now    time.Time
		within time.Duration
		wantAt time.Time
		wantOK bool
	}{
		{"a new name is free", t0, 0, t0, true},
		{"the next slot is a second on: refused", t0, 0, t0.Add(sec), false},
		{"a bound that reaches it: taken", t0, sec, t0.Add(sec), true},
		{"a negative bound only reads", t0, -1, t0.Add(2 * sec), false},
		{"still the same next slot", t0.Add(sec), sec, t0.Add(2 * sec), true},
		{"an idle budget starts from now", t0.Add(time.Hour), 0, t0.Add(time.Hour), true},
		{"no bound at all", t0.Add(time.Hour), time.Duration(math.MaxInt64), t0.Add(time.Hour + sec), true},
	}
	for _, step := range steps {
		at, ok, err := st.ReserveSlot(ctx, name, step.now, sec, step.within)
		require.NoError(t, err, step.name)
		assert.Equal(t, step.wantOK, ok, step.name)
		assert.True(t, step.wantAt.Equal(at), "%s: at %s, want %s", step.name, at, step.wantAt)
	}
	at, ok, err := st.ReserveSlot(ctx, id("other"), t0, sec, -1)
	require.NoError(t, err)
	assert.False(t, ok)
	assert.True(t, t0.Equal(at), "another name is untouched")
	_, _, err = st.ReserveSlot(ctx, "", t0, sec, 0)
	assert.Error(t, err, "an empty name")

	// 8 takers of 10 slots each, all at the same instant: 80 slots, an interval apart, none twice.
	shared := id("shared")
	var mu sync.Mutex
	var taken []time.Time
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 10 {
				at, ok, err := st.ReserveSlot(ctx, shared, t0, time.Millisecond, time.Hour)
				if !assert.NoError(t, err) || !assert.True(t, ok) {
					return
				}
				mu.Lock()
				taken = append(taken, at)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Len(t, taken, 80)
	slices.SortFunc(taken, func(a, b time.Time) int { return a.Compare(b) })
	for i, at := range taken {
		assert.True(t, t0.Add(time.Duration(i)*time.Millisecond).Equal(at), "slot %d at %s", i, at)
	}

	// Racing for one free slot with no wait allowed: exactly one taker gets it.
	race := id("race")
	var wins sync.Map
	for i := range 8 {
		wg.Go(func() {
			_, ok, err := st.ReserveSlot(ctx, race, t0, time.Minute, 0)
			assert.NoError(t, err)
			if ok {
				wins.Store(i, true)
			}
		})
	}
	wg.Wait()
	n := 0
	wins.Range(func(any, any) bool { n++; return true })
	assert.Equal(t, 1, n, "one slot, one taker")
}
