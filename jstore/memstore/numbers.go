package memstore

import (
	"context"
	"time"
)

// Next hands out quote numbers: 1, 2, 3 … for each calendar day of day's zone, never the same
// twice. It makes the store a quote.Numberer.
func (s *Store) Next(ctx context.Context, day time.Time) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := day.Format(time.DateOnly)
	s.quoteNumbers[k]++
	return s.quoteNumbers[k], nil
}
