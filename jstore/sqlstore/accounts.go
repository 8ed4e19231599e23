package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jstore-sdk/sdk/jstore"
)

func setAccountVersion(a *jstore.Account, v int64) { a.Version = v }

func (t *tx) CreateAccount(ctx context.Context, a *jstore.Account) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if a.ID == "" || a.LoginID == "" {
		return missingKey("account")
	}
	return create(ctx, t, a, setAccountVersion, `INSERT INTO accounts (id, login_key, seq, version, data) VALUES (?, ?, ?, 1, ?)`,
		func(seq int64, data string) []any { return []any{a.ID, jstore.LoginKey(a.LoginID), seq, data} })
}

func (t *tx) GetAccount(ctx context.Context, id jstore.AccountID) (jstore.Account, error) {
	return getRecord(ctx, t, setAccountVersion, `SELECT data, version FROM accounts WHERE id = ?`, id)
}

func (t *tx) GetAccountByLogin(ctx context.Context, loginID string) (jstore.Account, error) {
	return getRecord(ctx, t, setAccountVersion, `SELECT data, version FROM accounts WHERE login_key = ?`, jstore.LoginKey(loginID))
}

func (t *tx) UpdateAccount(ctx context.Context, a *jstore.Account) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	var version int64
	switch err := t.scanRow(ctx, `SELECT version FROM accounts WHERE id = ?`, []any{a.ID}, &version); {
	case errors.Is(err, sql.ErrNoRows):
		return jstore.ErrNotFound
	case err != nil:
		return err
	case version != a.Version:
		return jstore.ErrConflict
	case a.LoginID == "":
		return missingKey("account")
	}
	taken, err := t.exists(ctx, `SELECT 1 FROM accounts WHERE login_key = ? AND id <> ?`, jstore.LoginKey(a.LoginID), a.ID)
	if err != nil {
		return err
	}
	if taken {
		return jstore.ErrExists
	}
	v := *a
	v.Version++
	data, err := encode(v)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE accounts SET login_key = ?, version = ?, data = ? WHERE id = ?`, jstore.LoginKey(a.LoginID), v.Version, data, a.ID); err != nil {
		return t.s.d.constraint(err) // a login ID taken meanwhile
	}
	a.Version = v.Version
	return nil
}
