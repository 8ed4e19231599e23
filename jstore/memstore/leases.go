package memstore

import (
	"context"
	"time"
)

type lease struct {
	owner string
	until time.Time
}

// Lease implements jstore.Leaser. Leases live outside transactions: granting one is itself
// atomic.
func (s *Store) Lease(ctx context.Context, key, owner string, now time.Time, ttl time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if key == "" || owner == "" || ttl <= 0 {
		return false, missingKey("lease")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.leases[key]; ok && l.owner != owner && now.Before(l.until) {
		return false, nil
	}
	s.leases[key] = lease{owner: owner, until: now.Add(ttl)}
	return true, nil
}

// Release implements jstore.Leaser.
func (s *Store) Release(ctx context.Context, key, owner string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.leases[key]; ok && l.owner == owner {
		delete(s.leases, key)
	}
	return nil
}

// ReserveSlot implements ca.SlotStore: every CA client of the process that uses this store
// spends one rate budget.
func (s *Store) ReserveSlot(ctx context.Context, name string, now time.Time, interval, within time.Duration) (time.Time, bool, error) {
	return s.slots.ReserveSlot(ctx, name, now, interval, within)
}
