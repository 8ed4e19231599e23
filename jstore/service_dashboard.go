package jstore

import "context"

// Dashboard is the top page's two figures (manual 1(イ)).
type Dashboard struct {
	// Renewable counts certificates whose renewal window is open now and that no renewal locks.
	Renewable int
	// PendingApplications counts applications with a product chosen but not yet ordered.
	PendingApplications int
	// ReissuesDue counts certificates whose next free reissue has fallen due: in the era of
	// short certificates a subscription is served by several, each reissued in turn.
	ReissuesDue int
	// NotYetDeployed counts certificates with a deployment target that does not serve the
	// current serial yet; ServedOther, those with a target whose live site served something
	// else at its last check (WithDeployers, WithDeployChecks). Both are zero on a store whose
	// transactions are not DeployCounters.
	NotYetDeployed int
	ServedOther    int
}

// Dashboard returns the top page's counters. All come from store indexes, not scans.
func (s *Service) Dashboard(ctx context.Context, account AccountID) (Dashboard, error) {
	from, to := s.renewableRange(s.now())
	var d Dashboard
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if d.Renewable, err = tx.CountRenewable(ctx, account, from, to); err != nil {
			return err
		}
		if d.PendingApplications, err = tx.CountOpenApplications(ctx, account); err != nil {
			return err
		}
		if d.ReissuesDue, err = tx.CountReissuesDue(ctx, account, s.now()); err != nil {
			return err
		}
		if dc, ok := tx.(DeployCounter); ok {
			d.NotYetDeployed, d.ServedOther, err = dc.CountDeployments(ctx, account)
		}
		return err
	})
	return d, err
}
