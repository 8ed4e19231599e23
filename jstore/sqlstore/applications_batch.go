package sqlstore

import (
	"context"
	"strings"

	"github.com/jstore-sdk/sdk/jstore"
)

// batchTx is a transaction that reads and writes a batch of applications in one statement
// each. Only the dialects whose statements are round trips to a server hand it out (dialect
// batches); in process, separate statements are cheaper and jstore makes them itself.
type batchTx struct{ *tx }

var _ jstore.ApplicationBatcher = batchTx{}

// GetApplications reads the applications in one statement.
func (t batchTx) GetApplications(ctx context.Context, account jstore.AccountID, ids []jstore.ApplicationID) ([]jstore.Application, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
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
func (t batchTx) UpdateApplications(ctx context.Context, apps []jstore.Application) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if len(apps) == 0 {
		return nil
	}
	args := make([]any, 0, 7*len(apps)+1)
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
		status, inCart, caOrder, syncDue := appColumns(a)
		args = append(args, a.ID, a.Version, status, inCart, caOrder, syncDue, data)
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

// batchGetSQL reads n applications of one account: the account, then n IDs.
func batchGetSQL(n int) string {
	return `SELECT id, data, version FROM applications WHERE account = ? AND id IN (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
}

// batchUpdateSQL writes n applications, each at its version: seven values per application
// (ID, version, status, in_cart, ca_order, sync_due, data), then the account. VALUES names its
// columns column1… in both databases; the casts type the parameters PostgreSQL compares.
func batchUpdateSQL(n int) string {
	row := "(?, CAST(? AS BIGINT), ?, CAST(? AS BOOLEAN), ?, CAST(? AS BIGINT), ?)"
	return `UPDATE applications SET version = applications.version + 1, status = v.column3, in_cart = v.column4, ca_order = v.column5, sync_due = v.column6, data = v.column7
		FROM (VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + `) AS v
		WHERE applications.id = v.column1 AND applications.version = v.column2 AND applications.account = ?`
}
