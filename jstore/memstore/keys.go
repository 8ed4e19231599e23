package memstore

import (
	"bytes"
	"cmp"
	"context"
	"slices"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/keystore"
)

type keyRef struct {
	account jstore.AccountID
	id      string
}

var _ keystore.Store = (*Store)(nil)

// PutSealedKey implements keystore.Store.
func (s *Store) PutSealedKey(ctx context.Context, account jstore.AccountID, id string, sealed []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if account == "" || id == "" {
		return missingKey("sealed key")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[keyRef{account, id}] = bytes.Clone(sealed)
	return nil
}

// GetSealedKey implements keystore.Store.
func (s *Store) GetSealedKey(ctx context.Context, account jstore.AccountID, id string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sealed, ok := s.keys[keyRef{account, id}]
	if !ok {
		return nil, jstore.ErrNotFound
	}
	return bytes.Clone(sealed), nil
}

// ListSealedKeys implements keystore.Store.
func (s *Store) ListSealedKeys(ctx context.Context, afterAccount jstore.AccountID, afterID string, limit int) ([]keystore.SealedKey, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []keystore.SealedKey
	for ref, sealed := range s.keys {
		if cmp.Or(cmp.Compare(ref.account, afterAccount), cmp.Compare(ref.id, afterID)) > 0 {
			out = append(out, keystore.SealedKey{Account: ref.account, ID: ref.id, Sealed: bytes.Clone(sealed)})
		}
	}
	slices.SortFunc(out, func(a, b keystore.SealedKey) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.ID, b.ID))
	})
	return out[:min(len(out), max(limit, 0))], nil
}
