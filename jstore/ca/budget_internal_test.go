package ca

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTime is a clock that only sleeping moves.
type fakeTime struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeTime) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeTime) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(max(d, 0))
	return ctx.Err()
}

var budgetStart = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

// TestBudgetInterval: requests start the period divided by the count apart, plus 2% headroom;
// the default 60 a minute is 1.02 s.
func TestBudgetInterval(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		per  time.Duration
		want time.Duration
	}{
		{60, time.Minute, 1020 * time.Millisecond},
		{100, time.Second, 10200 * time.Microsecond},
		{1, time.Hour, 61*time.Minute + 12*time.Second},
	} {
		b, err := NewBudget(NewMemorySlots(), "k", tc.n, tc.per)
		require.NoError(t, err)
		assert.Equal(t, tc.want, b.Interval(), "%d per %s", tc.n, tc.per)
	}
	for _, bad := range []struct {
		slots SlotStore
		name  string
		n     int
		per   time.Duration
	}{{nil, "k", 1, time.Second}, {NewMemorySlots(), "", 1, time.Second}, {NewMemorySlots(), "k", 0, time.Second}, {NewMemorySlots(), "k", 1, 0}} {
		_, err := NewBudget(bad.slots, bad.name, bad.n, bad.per)
		assert.Error(t, err)
	}
}

// TestBudgetLanes: a background request takes a slot only when one is free within the
// look-ahead, so a person's request arriving behind any number of background ones starts at
// the next free slot; a person's request bounded by a wait it cannot meet takes nothing.
func TestBudgetLanes(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	b, err := NewBudget(NewMemorySlots(), "k", 10, time.Second) // 102 ms apart, 51 ms ahead
	require.NoError(t, err)
	clock := &fakeTime{t: budgetStart}

	// One background request starts now and holds the slot; a second one finds the next slot
	// beyond the look-ahead and sleeps until it is within reach.
	require.NoError(t, b.take(ctx, clock.now, clock.sleep))
	assert.Equal(t, budgetStart, clock.now())
	require.NoError(t, b.take(ctx, clock.now, clock.sleep))
	assert.Equal(t, budgetStart.Add(b.Interval()), clock.now(), "started one interval later")

	// A person's request now takes the slot after, whatever background work waits.
	at, _, err := b.slots.ReserveSlot(ctx, "k", clock.now(), b.interval, -1)
	require.NoError(t, err)
	person := WithInteractive(ctx, 0)
	waiting := &fakeTime{t: clock.now()}
	require.NoError(t, b.take(person, waiting.now, waiting.sleep))
	assert.Equal(t, at, waiting.now(), "the next free slot")

	// Bounded by less than the wait: refused, and the next slot is still free for others.
	before, _, _ := b.slots.ReserveSlot(ctx, "k", clock.now(), b.interval, -1)
	err = b.take(WithInteractive(ctx, b.Interval()/2), clock.now, clock.sleep)
	require.ErrorIs(t, err, errBusy)
	after, _, _ := b.slots.ReserveSlot(ctx, "k", clock.now(), b.interval, -1)
	assert.Equal(t, before, after, "nothing taken")

	st := b.Stats()
	assert.Equal(t, BudgetStats{Interactive: 1, Background: 2, Busy: 1, Waited: st.Waited}, st)
	assert.Positive(t, st.Waited)
}

// recordingSlots notes every slot taken.
type recordingSlots struct {
	SlotStore
	mu    sync.Mutex
	taken []time.Time
}

func (r *recordingSlots) ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (time.Time, bool, error) {
	at, ok, err := r.SlotStore.ReserveSlot(ctx, name, now, interval, within)
	if ok {
		r.mu.Lock()
		r.taken = append(r.taken, at)
		r.mu.Unlock()
	}
	return at, ok, err
}

// TestBudgetShared: two budgets of one name over one store, as two processes, hand 40
// concurrent requests of both lanes 40 slots, each at least an interval after the one before.
func TestBudgetShared(t *testing.T) {
	t.Parallel()
	slots := &recordingSlots{SlotStore: NewMemorySlots()}
	var wg sync.WaitGroup
	var interval time.Duration
	for p := range 2 {
		b, err := NewBudget(slots, "shared", 200, time.Second) // 5.1 ms apart
		require.NoError(t, err)
		interval = b.Interval()
		for i := range 20 {
			ctx := t.Context()
			if (p+i)%3 == 0 {
				ctx = WithInteractive(ctx, 0)
			}
			wg.Go(func() { assert.NoError(t, b.take(ctx, time.Now, sleep)) })
		}
	}
	wg.Wait()
	require.Len(t, slots.taken, 40, "one slot per request")
	slices.SortFunc(slots.taken, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(slots.taken); i++ {
		assert.GreaterOrEqual(t, slots.taken[i].Sub(slots.taken[i-1]), interval, "slot %d", i)
	}
}

// TestMemorySlots: the in-process store's contract, as storetest checks the others'.
func TestMemorySlots(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	m := NewMemorySlots()
	at, ok, err := m.ReserveSlot(ctx, "a", budgetStart, time.Second, 0)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, budgetStart, at, "a new name is free")
	at, ok, _ = m.ReserveSlot(ctx, "a", budgetStart, time.Second, 0)
	assert.False(t, ok)
	assert.Equal(t, budgetStart.Add(time.Second), at, "the next slot, not taken")
	at, ok, _ = m.ReserveSlot(ctx, "a", budgetStart, time.Second, time.Second)
	assert.True(t, ok)
	assert.Equal(t, budgetStart.Add(time.Second), at)
	at, ok, _ = m.ReserveSlot(ctx, "b", budgetStart, time.Second, -1)
	assert.False(t, ok)
	assert.Equal(t, budgetStart, at, "names are separate; a negative within only reads")
	later := budgetStart.Add(time.Hour)
	at, ok, _ = m.ReserveSlot(ctx, "a", later, time.Second, 0)
	assert.True(t, ok)
	assert.Equal(t, later, at, "an idle budget starts from now")
}
