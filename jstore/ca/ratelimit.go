package ca

import (
	"context"
	"sync"
	"time"
)

// limiter spaces request starts evenly: one every interval. Each caller reserves the next free
// slot, so concurrent callers queue fairly; a cancelled wait does not give its slot back.
type limiter struct {
	interval time.Duration
	mu       sync.Mutex
	next     time.Time
}

func newLimiter(n int, per time.Duration) *limiter {
	return &limiter{interval: per / time.Duration(n)}
}

// reserve takes the next slot and says how long to wait for it.
func (l *limiter) reserve(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.interval)
	return at.Sub(now)
}

// backlog is how long a request starting at now would wait for its slot.
func (l *limiter) backlog(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return max(l.next.Sub(now), 0)
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
