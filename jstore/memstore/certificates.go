package memstore

import (
	"context"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// certificates describes certificates to the generic operations; setCert keeps their indexes.
func certificates() kind[jstore.CertificateID, jstore.Certificate] {
	return kind[jstore.CertificateID, jstore.Certificate]{
		name:    "certificate",
		tbl:     func(s *Store) *table[jstore.CertificateID, jstore.Certificate] { return &s.certificates },
		key:     func(c *jstore.Certificate) jstore.CertificateID { return c.ID },
		account: func(c *jstore.Certificate) jstore.AccountID { return c.Account },
		version: func(c *jstore.Certificate) *int64 { return &c.Version },
		clone:   cloneCert,
		set:     (*tx).setCert,
	}
}

func (t *tx) CreateCertificate(ctx context.Context, c *jstore.Certificate) error {
	return certificates().create(ctx, t, c)
}

func (t *tx) GetCertificate(ctx context.Context, account jstore.AccountID, id jstore.CertificateID) (jstore.Certificate, error) {
	return certificates().get(ctx, t, account, id)
}

func (t *tx) UpdateCertificate(ctx context.Context, c *jstore.Certificate) error {
	return certificates().update(ctx, t, c)
}

func (t *tx) ListCertificates(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Certificate], error) {
	return certificates().list(ctx, t, account, opts)
}

func (t *tx) CountRenewable(ctx context.Context, account jstore.AccountID, from, to time.Time) (int, error) {
	if err := t.check(ctx, false); err != nil {
		return 0, err
	}
	x := t.s.renewable[account]
	if x == nil {
		return 0, nil
	}
	return x.count(from, to), nil
}

func (t *tx) CountOpenApplications(ctx context.Context, account jstore.AccountID) (int, error) {
	if err := t.check(ctx, false); err != nil {
		return 0, err
	}
	if c := t.s.cart[account]; c != nil {
		return len(*c), nil
	}
	return 0, nil
}

// setCert moves the table and the renewable index from one row state to another; nil is
// "absent". Its inverse is setCert(to, from).
func (t *tx) setCert(from, to *row[jstore.Certificate]) {
	tbl := t.s.certificates
	if from != nil {
		delete(tbl.rows, from.v.ID)
		if to == nil {
			tbl.list(from.account).remove(from.seq)
		}
		if from.v.Renewable() {
			t.s.renewable[from.account].remove(from.v.SubscriptionEnd, from.v.ID)
		}
		if due, ok := from.v.ReissueDue(); ok {
			t.s.reissueDue[from.account].remove(due, from.v.ID)
			t.s.allReissues.remove(due, from.v.ID)
		}
		if due, ok := from.v.DeployDue(); ok {
			t.s.deploysDue.remove(due, from.v.ID)
		}
		t.countDeployments(from.v, -1)
	}
	if to != nil {
		tbl.rows[to.v.ID] = *to
		if from == nil {
			tbl.list(to.account).insert(to.seq, to.v.ID)
		}
		if to.v.Renewable() {
			indexOf(t.s.renewable, to.account).add(to.v.SubscriptionEnd, to.v.ID)
		}
		if due, ok := to.v.ReissueDue(); ok {
			indexOf(t.s.reissueDue, to.account).add(due, to.v.ID)
			t.s.allReissues.add(due, to.v.ID)
		}
		if due, ok := to.v.DeployDue(); ok {
			t.s.deploysDue.add(due, to.v.ID)
		}
		t.countDeployments(to.v, +1)
	}
}

// countDeployments adds d to the account's NotYetDeployed and ServedOther counts for c, and
// to every account's, kept under "".
func (t *tx) countDeployments(c jstore.Certificate, d int) {
	notYet, other := c.NotYetDeployed(), c.ServedOther()
	if !notYet && !other {
		return
	}
	for _, account := range []jstore.AccountID{c.Account, ""} {
		n := t.s.deployed[account]
		if n == nil {
			n = &[2]int{}
			t.s.deployed[account] = n
		}
		if notYet {
			n[0] += d
		}
		if other {
			n[1] += d
		}
	}
}

// CountDeployments implements jstore.DeployCounter.
func (t *tx) CountDeployments(ctx context.Context, account jstore.AccountID) (int, int, error) {
	if err := t.check(ctx, false); err != nil {
		return 0, 0, err
	}
	if n := t.s.deployed[account]; n != nil {
		return n[0], n[1], nil
	}
	return 0, 0, nil
}

// indexOf returns the account's index, making it on first use.
func indexOf(m map[jstore.AccountID]*endIndex[jstore.CertificateID], account jstore.AccountID) *endIndex[jstore.CertificateID] {
	x := m[account]
	if x == nil {
		x = &endIndex[jstore.CertificateID]{}
		m[account] = x
	}
	return x
}

func (t *tx) CountReissuesDue(ctx context.Context, account jstore.AccountID, at time.Time) (int, error) {
	if err := t.check(ctx, false); err != nil {
		return 0, err
	}
	x := t.s.reissueDue[account]
	if x == nil {
		return 0, nil
	}
	return x.count(time.Time{}, at.Add(1)), nil
}

func (t *tx) ListReissuesDue(ctx context.Context, at time.Time, limit int) ([]jstore.Certificate, error) {
	return t.listDue(ctx, &t.s.allReissues, at, limit)
}

// ListDeploysDue implements jstore.DeployLister.
func (t *tx) ListDeploysDue(ctx context.Context, at time.Time, limit int) ([]jstore.Certificate, error) {
	return t.listDue(ctx, &t.s.deploysDue, at, limit)
}

// listDue returns the first certificates of an index across accounts, due at or before at.
func (t *tx) listDue(ctx context.Context, x *endIndex[jstore.CertificateID], at time.Time, limit int) ([]jstore.Certificate, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	ids := x.first(limit, at)
	out := make([]jstore.Certificate, len(ids))
	for i, id := range ids {
		out[i] = cloneCert(t.s.certificates.rows[id].v)
	}
	return out, nil
}

// ListRenewable implements jstore.RenewableLister.
func (t *tx) ListRenewable(ctx context.Context, account jstore.AccountID, from, to, afterEnd time.Time, afterID jstore.CertificateID, limit int) ([]jstore.Certificate, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	limit, err := (jstore.ListOptions{Limit: limit}).EffectiveLimit()
	if err != nil {
		return nil, err
	}
	x := t.s.renewable[account]
	if x == nil || !from.Before(to) {
		return nil, nil
	}
	start, startID := from, jstore.CertificateID("")
	if afterID != "" && !afterEnd.Before(from) { // a cursor from before the window moved starts afresh
		start, startID = afterEnd, afterID
	}
	ids := x.after(key(start), startID, to.Add(-1), limit)
	out := make([]jstore.Certificate, len(ids))
	for i, id := range ids {
		out[i] = cloneCert(t.s.certificates.rows[id].v)
	}
	return out, nil
}
