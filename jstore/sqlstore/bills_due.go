package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jstore-sdk/sdk/jstore"
)

var _ jstore.BillingQueue = (*tx)(nil)

// NoteBillDue implements jstore.BillingQueue: the key's primary key keeps one bill per key,
// also between processes.
func (t *tx) NoteBillDue(ctx context.Context, d jstore.BillDue) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if d.Key == "" || d.Account == "" {
		return missingKey("bill")
	}
	data, err := encode(d)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO bills_due (key, account, at_ns, data) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, d.Key, d.Account, nanos(d.At), data)
	return err
}

// GetBillDue implements jstore.BillingQueue.
func (t *tx) GetBillDue(ctx context.Context, key string) (jstore.BillDue, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.BillDue{}, err
	}
	var data string
	err := t.scanRow(ctx, `SELECT data FROM bills_due WHERE key = ?`, []any{key}, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return jstore.BillDue{}, jstore.ErrNotFound
	}
	if err != nil {
		return jstore.BillDue{}, err
	}
	return decode[jstore.BillDue](data)
}

// qListBillsDue reads the bills due from the index on (at_ns, key).
const qListBillsDue = `SELECT data FROM bills_due ORDER BY at_ns, key LIMIT ?`

// ListBillsDue implements jstore.BillingQueue.
func (t *tx) ListBillsDue(ctx context.Context, limit int) ([]jstore.BillDue, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, qListBillsDue, max(limit, 0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jstore.BillDue
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		d, err := decode[jstore.BillDue](data)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DoneBill implements jstore.BillingQueue.
func (t *tx) DoneBill(ctx context.Context, key string) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	_, err := t.exec(ctx, `DELETE FROM bills_due WHERE key = ?`, key)
	return err
}
