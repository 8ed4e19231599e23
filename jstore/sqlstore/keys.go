package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/keystore"
)

var _ keystore.Store = (*Store)(nil)

// PutSealedKey implements keystore.Store.
func (s *Store) PutSealedKey(ctx context.Context, account jstore.AccountID, id string, sealed []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if account == "" || id == "" {
		return missingKey("sealed key")
	}
	release, err := s.oneWriter(ctx)
	if err != nil {
		return err
	}
	defer release()
	_, err = s.db.ExecContext(ctx, s.d.bind(`INSERT INTO private_keys (account, id, sealed) VALUES (?, ?, ?)
		ON CONFLICT (account, id) DO UPDATE SET sealed = excluded.sealed`), account, id, sealed)
	return err
}

// GetSealedKey implements keystore.Store.
func (s *Store) GetSealedKey(ctx context.Context, account jstore.AccountID, id string) ([]byte, error) {
	var sealed []byte
	err := s.rd.QueryRowContext(ctx, s.d.bind(`SELECT sealed FROM private_keys WHERE account = ? AND id = ?`), account, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jstore.ErrNotFound
	}
	return sealed, err
}

// ListSealedKeys implements keystore.Store.
func (s *Store) ListSealedKeys(ctx context.Context, afterAccount jstore.AccountID, afterID string, limit int) ([]keystore.SealedKey, error) {
	rows, err := s.rd.QueryContext(ctx, s.d.bind(`SELECT account, id, sealed FROM private_keys
		WHERE account > ? OR (account = ? AND id > ?) ORDER BY account, id LIMIT ?`), afterAccount, afterAccount, afterID, max(limit, 0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []keystore.SealedKey
	for rows.Next() {
		var k keystore.SealedKey
		if err := rows.Scan(&k.Account, &k.ID, &k.Sealed); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
