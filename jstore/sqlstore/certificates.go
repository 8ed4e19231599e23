package sqlstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

func setCertVersion(c *jstore.Certificate, v int64) { c.Version = v }

// certColumns are the indexed instants of a certificate: its subscription end while it may be
// renewed, its next reissue while one will fall due, and its next deployment; NULL otherwise.
func certColumns(c jstore.Certificate) (renewableEnd, reissueDue, deployDue any) {
	if c.Status == jstore.CertIssued && c.LockedBy == "" && c.ReplacedBy == "" {
		renewableEnd = nanos(c.SubscriptionEnd)
	}
	if due, ok := c.ReissueDue(); ok {
		reissueDue = nanos(due)
	}
	if due, ok := c.DeployDue(); ok {
		deployDue = nanos(due)
	}
	return renewableEnd, reissueDue, deployDue
}

func (t *tx) CreateCertificate(ctx context.Context, c *jstore.Certificate) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if c.ID == "" || c.Account == "" {
		return missingKey("certificate")
	}
	renewable, due, deploy := certColumns(*c)
	return create(ctx, t, c, setCertVersion, `INSERT INTO certificates (id, account, seq, version, renewable_end, reissue_due, deploy_due, data) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
		func(seq int64, data string) []any { return []any{c.ID, c.Account, seq, renewable, due, deploy, data} })
}

func (t *tx) GetCertificate(ctx context.Context, account jstore.AccountID, id jstore.CertificateID) (jstore.Certificate, error) {
	return getRecord(ctx, t, setCertVersion, `SELECT data, version FROM certificates WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) UpdateCertificate(ctx context.Context, c *jstore.Certificate) error {
	renewable, due, deploy := certColumns(*c)
	return update(ctx, t, c, c.Version, setCertVersion, `UPDATE certificates SET version = ?, renewable_end = ?, reissue_due = ?, deploy_due = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		func(data string, next int64) []any {
			return []any{next, renewable, due, deploy, data, c.ID, c.Account, c.Version}
		},
		`SELECT 1 FROM certificates WHERE id = ? AND account = ?`, c.ID, c.Account)
}

func (t *tx) ListCertificates(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Certificate], error) {
	return listPage(ctx, t, opts, setCertVersion, qListCertificates, account)
}

func (t *tx) CountRenewable(ctx context.Context, account jstore.AccountID, from, to time.Time) (int, error) {
	return t.count(ctx, qCountRenewable, account, nanos(from), nanos(to))
}

func (t *tx) CountReissuesDue(ctx context.Context, account jstore.AccountID, at time.Time) (int, error) {
	return t.count(ctx, qCountReissuesDue, account, nanos(at))
}

// ListDeploysDue implements jstore.DeployLister.
func (t *tx) ListDeploysDue(ctx context.Context, at time.Time, limit int) ([]jstore.Certificate, error) {
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	return listRecords(ctx, t, setCertVersion, qListDeploysDue, nanos(at), limit)
}

func (t *tx) ListReissuesDue(ctx context.Context, at time.Time, limit int) ([]jstore.Certificate, error) {
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	return listRecords(ctx, t, setCertVersion, qListReissuesDue, nanos(at), limit)
}
