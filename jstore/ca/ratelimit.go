package ca

import (
	"context"
	"sync"
	"time"
)

// memorySlots is the SlotStore of a client whose budget is its own (WithRateLimit).
type memorySlots struct {
	mu   sync.Mutex
	next map[string]time.Time
}

func newMemorySlots() *memorySlots { return &memorySlots{next: map[string]time.Time{}} }

// ReserveSlot implements SlotStore.
func (m *memorySlots) ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (time.Time, bool, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	at := now
	if next := m.next[name]; next.After(now) {
		at = next
	}
	if at.Sub(now) > within {
		return at, false, nil
	}
	m.next[name] = at.Add(interval)
	return at, true, nil
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
