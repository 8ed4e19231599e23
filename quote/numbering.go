package quote

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Numberer hands out quote numbers: Next returns 1, 2, 3 … for each calendar day, never the
// same twice. A Store can back it so that numbers stay unique across processes.
type Numberer interface {
	Next(ctx context.Context, day time.Time) (int64, error)
}

// MemoryNumberer is a Numberer for one process. The zero value is ready to use.
type MemoryNumberer struct {
	mu   sync.Mutex
	last map[string]int64
}

// Next implements Numberer.
func (m *MemoryNumberer) Next(ctx context.Context, day time.Time) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.last == nil {
		m.last = map[string]int64{}
	}
	k := day.Format(time.DateOnly)
	m.last[k]++
	return m.last[k], nil
}

// formatNumber is the default quote number: Q-YYYYMMDD-NNNNN.
func formatNumber(day time.Time, n int64) (string, error) {
	if n < 1 || n > 99999 {
		return "", fmt.Errorf("quote: number %d for %s is outside 1 to 99999", n, day.Format(time.DateOnly))
	}
	return fmt.Sprintf("Q-%s-%05d", day.Format("20060102"), n), nil
}
