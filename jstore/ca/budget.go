package ca

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"
)

// SlotStore keeps a rate budget's state where every process that shares the budget sees it:
// one instant per budget name, the start of the next free slot. memstore.Store and
// sqlstore.Store implement it (SQLite for the processes of one machine, PostgreSQL for several);
// a client made with WithRateLimit keeps its own in memory.
type SlotStore interface {
	// ReserveSlot, atomically: at is the later of the next free slot and now; if at is no more
	// than within after now, the slot is taken (the next free one becomes at+interval) and ok
	// is true; otherwise nothing changes. at is returned either way, so a negative within only
	// reads. A name never seen is free.
	ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (at time.Time, ok bool, err error)
}

// A Budget spaces the requests of every client that shares it, as the CA's rate limit asks:
// about 60 a minute for GoDaddy, across every process of a panel that uses one API key.
//
// Two lanes share it. A request made with a context from [WithInteractive] — a person is
// waiting — takes the next free slot at once. Any other request (polling, background work)
// takes a slot only when one is free within a moment (half the interval, at most 100 ms),
// and otherwise waits for the next one to come round; so background work never queues ahead
// of a person, and a person waits at most about one interval behind it.
//
// Requests start an interval apart: the period divided by the count, plus 2% headroom, so that
// a request delayed in transit by up to that much cannot make the CA count one too many in a
// window (at 60 a minute: 1.02 s apart, 1.2 s of delay tolerated).
type Budget struct {
	slots    SlotStore
	name     string
	interval time.Duration
	ahead    time.Duration // how far ahead a background request may take a slot
	// turn lets one background request of this process at a time ask the store for a slot:
	// the others queue here rather than all asking the store each time a slot comes round.
	turn chan struct{}

	interactive, background, busy, waited atomic.Int64
}

// headroom is the share of the interval added to it, as a divisor: 1/50 = 2%.
const headroom = 50

// NewBudget returns a budget of n requests per period, kept in slots under name (the same name
// in every process that shares it; one per API key).
func NewBudget(slots SlotStore, name string, n int, per time.Duration) (*Budget, error) {
	switch {
	case slots == nil:
		return nil, errors.New("ca: NewBudget: nil slot store")
	case name == "":
		return nil, errors.New("ca: NewBudget: empty name")
	case n <= 0 || per <= 0:
		return nil, fmt.Errorf("ca: NewBudget: want a positive count and period, got %d per %s", n, per)
	}
	interval := per / time.Duration(n)
	interval += interval / headroom
	return &Budget{slots: slots, name: name, interval: interval, ahead: min(interval/2, 100*time.Millisecond), turn: make(chan struct{}, 1)}, nil
}

// Interval is the time between two request starts.
func (b *Budget) Interval() time.Duration { return b.interval }

// Backlog is how long a request made now would wait for its slot: zero while one is free.
func (b *Budget) Backlog(ctx context.Context) (time.Duration, error) {
	now := time.Now()
	at, _, err := b.slots.ReserveSlot(ctx, b.name, now, b.interval, -1)
	if err != nil {
		return 0, err
	}
	return max(at.Sub(now), 0), nil
}

// BudgetStats counts what this process took from a budget, for metrics.
type BudgetStats struct {
	Interactive int64         // slots taken for a person's requests
	Background  int64         // slots taken for other requests
	Busy        int64         // a person's requests refused because no slot was free in time
	Waited      time.Duration // time spent waiting for slots, both lanes together
}

// Stats returns the counts so far.
func (b *Budget) Stats() BudgetStats {
	return BudgetStats{Interactive: b.interactive.Load(), Background: b.background.Load(), Busy: b.busy.Load(), Waited: time.Duration(b.waited.Load())}
}

// errBusy: a person's request would wait longer than it may.
var errBusy = errors.New("no slot free in time")

// take waits for a slot for a request made with ctx, using the caller's clock and sleep. It
// returns errBusy, the store's error, or ctx's.
func (b *Budget) take(ctx context.Context, now func() time.Time, sleep func(context.Context, time.Duration) error) error {
	var at time.Time
	var err error
	if interactive, wait := laneOf(ctx); interactive {
		at, err = b.reserveNext(ctx, now, wait)
	} else {
		at, err = b.reserveNear(ctx, now, sleep)
	}
	if err != nil {
		return err
	}
	// The store's answer took time: wait from now, not from when it was asked.
	d := max(at.Sub(now()), 0)
	b.waited.Add(int64(d))
	return sleep(ctx, d)
}

// reserveNext takes the next free slot for a person, unless it is more than wait away (0: no
// bound).
func (b *Budget) reserveNext(ctx context.Context, now func() time.Time, wait time.Duration) (time.Time, error) {
	within := time.Duration(math.MaxInt64)
	if wait > 0 {
		within = wait
	}
	at, ok, err := b.slots.ReserveSlot(ctx, b.name, now(), b.interval, within)
	switch {
	case err != nil:
		return time.Time{}, err
	case !ok:
		b.busy.Add(1)
		return time.Time{}, errBusy
	}
	b.interactive.Add(1)
	return at, nil
}

// reserveNear takes a slot for background work once one is free within the look-ahead,
// sleeping until the next comes within reach (another process may take it first; then this
// one waits for the one after). One background request of the process asks at a time.
func (b *Budget) reserveNear(ctx context.Context, now func() time.Time, sleep func(context.Context, time.Duration) error) (time.Time, error) {
	select {
	case b.turn <- struct{}{}:
	case <-ctx.Done():
		return time.Time{}, ctx.Err()
	}
	defer func() { <-b.turn }()
	for {
		at, ok, err := b.slots.ReserveSlot(ctx, b.name, now(), b.interval, b.ahead)
		switch {
		case err != nil:
			return time.Time{}, err
		case ok:
			b.background.Add(1)
			return at, nil
		}
		d := max(at.Sub(now())-b.ahead, 0)
		b.waited.Add(int64(d))
		if err := sleep(ctx, d); err != nil {
			return time.Time{}, err
		}
	}
}

type laneKey struct{}

// WithInteractive marks the requests made with ctx as a person's: they go ahead of background
// work in the client's Budget. wait, when positive, bounds how long such a request may wait for
// its slot; one that would wait longer fails at once with an error matching ErrBusy, and
// nothing is sent.
func WithInteractive(ctx context.Context, wait time.Duration) context.Context {
	return context.WithValue(ctx, laneKey{}, max(wait, 0))
}

// laneOf reports whether ctx is a person's and how long its requests may wait (0: no bound).
func laneOf(ctx context.Context) (interactive bool, wait time.Duration) {
	wait, interactive = ctx.Value(laneKey{}).(time.Duration)
	return interactive, wait
}
