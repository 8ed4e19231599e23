package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func (t *tx) CreateAccount(ctx context.Context, a *jstore.Account) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if a.ID == "" || a.LoginID == "" {
		return missingKey("account")
	}
	if _, ok := t.s.accounts[a.ID]; ok {
		return jstore.ErrExists
	}
	if _, ok := t.s.logins[jstore.LoginKey(a.LoginID)]; ok {
		return jstore.ErrExists
	}
	t.nextSeq()
	a.Version = 1
	t.putAccount(nil, *a)
	return nil
}

func (t *tx) GetAccount(ctx context.Context, id jstore.AccountID) (jstore.Account, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Account{}, err
	}
	a, ok := t.s.accounts[id]
	if !ok {
		return jstore.Account{}, jstore.ErrNotFound
	}
	return a, nil
}

func (t *tx) GetAccountByLogin(ctx context.Context, loginID string) (jstore.Account, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Account{}, err
	}
	id, ok := t.s.logins[jstore.LoginKey(loginID)]
	if !ok {
		return jstore.Account{}, jstore.ErrNotFound
	}
	return t.s.accounts[id], nil
}

func (t *tx) UpdateAccount(ctx context.Context, a *jstore.Account) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	old, ok := t.s.accounts[a.ID]
	if !ok {
		return jstore.ErrNotFound
	}
	if old.Version != a.Version {
		return jstore.ErrConflict
	}
	if a.LoginID == "" {
		return missingKey("account")
	}
	if owner, taken := t.s.logins[jstore.LoginKey(a.LoginID)]; taken && owner != a.ID {
		return jstore.ErrExists
	}
	a.Version++
	t.putAccount(&old, *a)
	return nil
}

// putAccount replaces old (nil: none) with a and logs the inverse.
func (t *tx) putAccount(old *jstore.Account, a jstore.Account) {
	t.setAccount(old, &a)
	t.undo = append(t.undo, func() { t.setAccount(&a, old) })
}

func (t *tx) setAccount(from, to *jstore.Account) {
	if from != nil {
		delete(t.s.logins, jstore.LoginKey(from.LoginID))
		delete(t.s.accounts, from.ID)
	}
	if to != nil {
		t.s.logins[jstore.LoginKey(to.LoginID)] = to.ID
		t.s.accounts[to.ID] = *to
	}
}

func missingKey(what string) error {
	return &jstore.ValidationError{Problems: []jstore.Problem{jstore.NewProblem("store_key", what)}}
}
