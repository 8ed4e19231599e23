package sqlstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

func setCertVersion(c *jstore.Certificate, v int64) { c.Version = v }

// certIndex is the indexed values of a certificate, NULL where they do not apply: its
// subscription end while it may be renewed, its next reissue while one will fall due, its next
// deployment, and 1 while it is not yet deployed to a target or a target served something else.
type certIndex struct{ renewableEnd, reissueDue, deployDue, deployBehind, servedOther any }

func certColumns(c jstore.Certificate) certIndex {
	var x certIndex
	if c.Renewable() {
		x.renewableEnd = nanos(c.SubscriptionEnd)
	}
	if due, ok := c.ReissueDue(); ok {
		x.reissueDue = nanos(due)
	}
	if due, ok := c.DeployDue(); ok {
		x.deployDue = nanos(due)
	}
	if c.NotYetDeployed() {
		x.deployBehind = 1
	}
	if c.ServedOther() {
		x.servedOther = 1
	}
	return x
}

func (t *tx) CreateCertificate(ctx context.Context, c *jstore.Certificate) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if c.ID == "" || c.Account == "" {
		return missingKey("certificate")
	}
	x := certColumns(*c)
	return create(ctx, t, c, setCertVersion, `INSERT INTO certificates (id, account, seq, version, renewable_end, reissue_due, deploy_due, deploy_behind, served_other, data)
		VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
		func(seq int64, data string) []any {
			return []any{c.ID, c.Account, seq, x.renewableEnd, x.reissueDue, x.deployDue, x.deployBehind, x.servedOther, data}
		})
}

func (t *tx) GetCertificate(ctx context.Context, account jstore.AccountID, id jstore.CertificateID) (jstore.Certificate, error) {
	return getRecord(ctx, t, setCertVersion, `SELECT data, version FROM certificates WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) UpdateCertificate(ctx context.Context, c *jstore.Certificate) error {
	x := certColumns(*c)
	return update(ctx, t, c, c.Version, setCertVersion, `UPDATE certificates SET version = ?, renewable_end = ?, reissue_due = ?, deploy_due = ?,
		deploy_behind = ?, served_other = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		func(data string, next int64) []any {
			return []any{next, x.renewableEnd, x.reissueDue, x.deployDue, x.deployBehind, x.servedOther, data, c.ID, c.Account, c.Version}
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

// CountDeployments implements jstore.DeployCounter.
func (t *tx) CountDeployments(ctx context.Context, account jstore.AccountID) (int, int, error) {
	qBehind, qOther, args := qCountDeployBehind, qCountServedOther, []any{account}
	if account == "" {
		qBehind, qOther, args = qCountDeployBehindAll, qCountServedOtherAll, nil
	}
	behind, err := t.count(ctx, qBehind, args...)
	if err != nil {
		return 0, 0, err
	}
	other, err := t.count(ctx, qOther, args...)
	return behind, other, err
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

// ListRenewable implements jstore.RenewableLister.
func (t *tx) ListRenewable(ctx context.Context, account jstore.AccountID, from, to, afterEnd time.Time, afterID jstore.CertificateID, limit int) ([]jstore.Certificate, error) {
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	start, startID := nanos(from), jstore.CertificateID("")
	if afterID != "" && !afterEnd.Before(from) { // a cursor from before the window moved starts afresh
		start, startID = nanos(afterEnd), afterID
	}
	return listRecords(ctx, t, setCertVersion, qListRenewable, account, nanos(from), nanos(to), start, start, startID, limit)
}
