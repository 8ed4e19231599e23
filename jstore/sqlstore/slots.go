package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"
)

// ReserveSlot implements ca.SlotStore, so that every process on the database spends one CA rate
// budget. Taking a slot is one upsert whose condition the database checks on the row as it is
// when the row is locked, so two processes never take the same slot; a refusal reads the row
// to say when the next slot is.
func (s *Store) ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (time.Time, bool, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, false, err
	}
	if name == "" {
		return time.Time{}, false, missingKey("rate slot")
	}
	n := nanos(now)
	limit := n + int64(within)
	if within > 0 && limit < n {
		limit = math.MaxInt64 // no bound: the sum overflowed
	}
	if within >= 0 {
		release, err := s.oneWriter(ctx)
		if err != nil {
			return time.Time{}, false, err
		}
		var next int64
		err = s.db.QueryRowContext(ctx, s.d.bind(`INSERT INTO rate_slots (name, next_ns) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET next_ns = `+s.d.greatest+`(rate_slots.next_ns, ?) + ?
			WHERE `+s.d.greatest+`(rate_slots.next_ns, ?) <= ?
			RETURNING next_ns`), name, n+int64(interval), n, int64(interval), n, limit).Scan(&next)
		release()
		switch {
		case err == nil:
			return time.Unix(0, next-int64(interval)).UTC(), true, nil
		case !errors.Is(err, sql.ErrNoRows):
			return time.Time{}, false, err
		}
	}
	var next int64
	err := s.rd.QueryRowContext(ctx, s.d.bind(`SELECT next_ns FROM rate_slots WHERE name = ?`), name).Scan(&next)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return now, false, nil
	case err != nil:
		return time.Time{}, false, err
	}
	return time.Unix(0, max(next, n)).UTC(), false, nil
}
