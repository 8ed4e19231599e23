package sqlstore

import (
	"context"
	"strings"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.ApplicationBatcher = (*tx)(nil)

// GetApplications reads the applications in one statement.
func (t *tx) GetApplications(ctx context.Context, account jstore.AccountID, ids []jstore.ApplicationID) ([]jstore.Application, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	if !t.s.d.batches {
		return t.getEach(ctx, account, ids)
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, account)
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := t.query(ctx, batchGetSQL(len(ids)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := make(map[jstore.ApplicationID]jstore.Application, len(ids))
	for rows.Next() {
		var id, data string
		var version int64
		if err := rows.Scan(&id, &data, &version); err != nil {
			return nil, err
		}
		a, err := decode[jstore.Application](data)
		if err != nil {
			return nil, err
		}
		a.Version = version
		found[jstore.ApplicationID(id)] = a
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]jstore.Application, len(ids))
	for i, id := range ids {
		a, ok := found[id]
		if !ok {
			return nil, jstore.ErrNotFound
		}
		out[i] = a
	}
	return out, nil
}

// UpdateApplications writes the applications in one statement, each only at its version. When
// fewer rows than applications change, some did, so the transaction is spoiled: it answers
// the error to every later call and is rolled back.
func (t *tx) UpdateApplications(ctx context.Context, apps []jstore.Application) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if len(apps) == 0 {
		return nil
	}
	if !t.s.d.batches {
		return t.updateEach(ctx, apps)
	}
	args := make([]any, 0, 6*len(apps)+1)
	for _, a := range apps {
		if a.ID == "" || a.Account != apps[0].Account {
			return missingKey("application")
		}
		stored := a
		stored.Version++
		data, err := encode(stored)
		if err != nil {
			return err
		}
		status, inCart, caOrder := appColumns(a)
		args = append(args, a.ID, a.Version, status, inCart, caOrder, data)
	}
	args = append(args, apps[0].Account)
	n, err := t.exec(ctx, batchUpdateSQL(len(apps)), args...)
	if err != nil {
		return t.s.d.constraint(err)
	}
	if n != int64(len(apps)) {
		t.spoiled = jstore.ErrConflict
		for _, a := range apps {
			if ok, err := t.exists(ctx, `SELECT 1 FROM applications WHERE id = ? AND account = ?`, a.ID, a.Account); err != nil || !ok {
				t.spoiled = jstore.ErrNotFound
				break
			}
		}
		return t.spoiled
	}
	for i := range apps {
		apps[i].Version++
	}
	return nil
}

// getEach reads the applications one statement each, where statements cost no round trip
// (SQLite runs in the process): there, separate primary-key reads beat one IN list, for which
// SQLite may walk the account's index instead.
func (t *tx) getEach(ctx context.Context, account jstore.AccountID, ids []jstore.ApplicationID) ([]jstore.Application, error) {
	out := make([]jstore.Application, len(ids))
	for i, id := range ids {
		var err error
		if out[i], err = t.GetApplication(ctx, account, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// updateEach writes the applications one statement each, for the same reason: cheaper in
// process than one joined update. A failure spoils the transaction, as a failed joined update
// does.
func (t *tx) updateEach(ctx context.Context, apps []jstore.Application) error {
	versions := make([]int64, len(apps))
	for i := range apps {
		versions[i] = apps[i].Version
		if err := t.UpdateApplication(ctx, &apps[i]); err != nil {
			for j := range i {
				apps[j].Version = versions[j]
			}
			t.spoiled = err
			return err
		}
	}
	return nil
}

// batchGetSQL reads n applications of one account: the account, then n IDs.
func batchGetSQL(n int) string {
	return `SELECT id, data, version FROM applications WHERE account = ? AND id IN (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
}

// batchUpdateSQL writes n applications, each at its version: six values per application (ID,
// version, status, in_cart, ca_order, data), then the account. VALUES names its columns
// column1… in both databases; the casts type the parameters PostgreSQL compares.
func batchUpdateSQL(n int) string {
	row := "(?, CAST(? AS BIGINT), ?, CAST(? AS BOOLEAN), ?, ?)"
	return `UPDATE applications SET version = applications.version + 1, status = v.column3, in_cart = v.column4, ca_order = v.column5, data = v.column6
		FROM (VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + `) AS v
		WHERE applications.id = v.column1 AND applications.version = v.column2 AND applications.account = ?`
}
