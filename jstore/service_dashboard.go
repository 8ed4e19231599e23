package jstore

import "context"

// Dashboard is the top page's two figures (manual 1(イ)).
type Dashboard struct {
	// Renewable counts certificates whose renewal window is open now and that no renewal locks.
	Renewable int
	// PendingApplications counts applications with a product chosen but not yet ordered.
	PendingApplications int
}

// Dashboard returns the top page's counters. Both come from store indexes, not scans.
func (s *Service) Dashboard(ctx context.Context, account AccountID) (Dashboard, error) {
	from, to := s.renewableRange(s.now())
	var d Dashboard
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if d.Renewable, err = tx.CountRenewable(ctx, account, from, to); err != nil {
			return err
		}
		d.PendingApplications, err = tx.CountOpenApplications(ctx, account)
		return err
	})
	return d, err
}
