package ca

import (
	"context"
	"errors"
	"sync"
	"time"
)

// MemorySlots is a SlotStore in memory, for the clients of one process: a client made with
// WithRateLimit keeps one of its own, and memstore.Store keeps one for all its clients.
type MemorySlots struct {
	mu   sync.Mutex
	next map[string]time.Time
}

// NewMemorySlots returns an empty store: every budget name starts free.
func NewMemorySlots() *MemorySlots { return &MemorySlots{next: map[string]time.Time{}} }

// ReserveSlot implements SlotStore.
func (m *MemorySlots) ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (time.Time, bool, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, false, err
	}
	if name == "" {
		return time.Time{}, false, errors.New("ca: ReserveSlot: empty budget name")
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
