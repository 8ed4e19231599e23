package jstore

import (
	"context"
	"errors"
)

// Register opens an account. The login ID must be free, compared ignoring case (ErrExists
// otherwise); it is kept as typed, for display.
func (s *Service) Register(ctx context.Context, req RegisterRequest) (Account, error) {
	var ps problems
	ps.loginID("login_id", req.LoginID)
	if err := checkCustomer(req.Customer); err != nil {
		var ve *ValidationError
		errors.As(err, &ve)
		ps = append(ps, ve.Problems...)
	}
	if err := ps.err(); err != nil {
		return Account{}, err
	}
	if err := checkPasswordPolicy(req.Password, req.LoginID); err != nil {
		return Account{}, err
	}
	hash, err := s.hasher.hash(ctx, req.Password)
	if err != nil {
		return Account{}, err
	}
	a := Account{
		ID: AccountID(newID("acc_")), LoginID: req.LoginID, PasswordHash: hash,
		Customer: req.Customer, CreatedAt: s.now().UTC(),
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if err := tx.CreateAccount(ctx, &a); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: a.ID, Type: EventAccountRegistered})
	})
	if err != nil {
		return Account{}, err
	}
	return a, nil
}

// Authenticate returns the account whose login ID (ignoring case) and password match, or
// ErrUnauthenticated. An unknown login ID costs the same hashing as a wrong password, so timing
// does not tell which it was. Hashing waits for a free slot (see
// [WithPasswordHashConcurrency]); a cancelled ctx ends the wait with ctx's error.
func (s *Service) Authenticate(ctx context.Context, loginID, password string) (Account, error) {
	if len(loginID) > maxLoginBytes || len(password) > maxPasswordBytes {
		return Account{}, ErrUnauthenticated
	}
	var a Account
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		a, err = tx.GetAccountByLogin(ctx, loginID)
		return err
	})
	stored := a.PasswordHash
	switch {
	case errors.Is(err, ErrNotFound):
		stored = s.hasher.dummy()
	case err != nil:
		return Account{}, err
	}
	ok, err := s.hasher.verify(ctx, password, stored)
	switch {
	case err != nil:
		return Account{}, err
	case !ok || a.ID == "":
		return Account{}, ErrUnauthenticated
	}
	return a, nil
}

// GetAccount returns the account.
func (s *Service) GetAccount(ctx context.Context, id AccountID) (Account, error) {
	var a Account
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		a, err = tx.GetAccount(ctx, id)
		return err
	})
	return a, err
}

// ChangeLoginID changes the login ID after checking the current password.
func (s *Service) ChangeLoginID(ctx context.Context, id AccountID, currentPassword, newLoginID string) error {
	var ps problems
	ps.loginID("login_id", newLoginID)
	if err := ps.err(); err != nil {
		return err
	}
	return s.updateAccount(ctx, id, currentPassword, EventLoginIDChanged, func(a *Account) error {
		a.LoginID = newLoginID
		return nil
	})
}

// ChangePassword replaces the password after checking the current one.
func (s *Service) ChangePassword(ctx context.Context, id AccountID, currentPassword, newPassword string) error {
	return s.updateAccount(ctx, id, currentPassword, EventPasswordChanged, func(a *Account) error {
		if err := checkPasswordPolicy(newPassword, a.LoginID); err != nil {
			return err
		}
		hash, err := s.hasher.hash(ctx, newPassword)
		a.PasswordHash = hash
		return err
	})
}

// UpdateCustomer replaces the customer information.
func (s *Service) UpdateCustomer(ctx context.Context, id AccountID, info CustomerInfo) error {
	if err := checkCustomer(info); err != nil {
		return err
	}
	return s.editAccount(ctx, Event{Account: id, Type: EventCustomerUpdated}, func(a *Account) { a.Customer = info })
}

// editAccount reads, changes and writes an account in one transaction, recording e.
func (s *Service) editAccount(ctx context.Context, e Event, change func(*Account)) error {
	return s.store.Update(ctx, func(tx Tx) error {
		a, err := tx.GetAccount(ctx, e.Account)
		if err != nil {
			return err
		}
		change(&a)
		if err := tx.UpdateAccount(ctx, &a); err != nil {
			return err
		}
		return s.event(ctx, tx, e)
	})
}

// updateAccount applies change after a password check; the hash runs outside the transaction.
func (s *Service) updateAccount(ctx context.Context, id AccountID, password string, typ EventType, change func(*Account) error) error {
	a, err := s.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	if len(password) > maxPasswordBytes {
		return ErrUnauthenticated
	}
	ok, err := s.hasher.verify(ctx, password, a.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return ErrUnauthenticated
	}
	if err := change(&a); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		// a carries the version read before the password check: a concurrent change is a conflict.
		if err := tx.UpdateAccount(ctx, &a); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: id, Type: typ})
	})
}
