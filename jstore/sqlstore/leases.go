package sqlstore

import (
	"context"
	"time"
)

// Lease implements jstore.Leaser in one statement: the row is written only when it is free,
// expired, or already this owner's.
func (s *Store) Lease(ctx context.Context, key, owner string, now time.Time, ttl time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if key == "" || owner == "" || ttl <= 0 {
		return false, missingKey("lease")
	}
	res, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO leases (key, owner, until_ns) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, until_ns = excluded.until_ns
		WHERE leases.owner = excluded.owner OR leases.until_ns <= ?`), key, owner, nanos(now.Add(ttl)), nanos(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Release implements jstore.Leaser.
func (s *Store) Release(ctx context.Context, key, owner string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, s.d.bind(`DELETE FROM leases WHERE key = ? AND owner = ?`), key, owner)
	return err
}
