package keystore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

// Store keeps sealed keys by account and public key. memstore.Store and sqlstore.Store
// implement it.
type Store interface {
	// PutSealedKey stores a sealed key under id (the hex SHA-256 of its public key), replacing
	// one already there.
	PutSealedKey(ctx context.Context, account jstore.AccountID, id string, sealed []byte) error
	// GetSealedKey returns the sealed key, or an error matching jstore.ErrNotFound.
	GetSealedKey(ctx context.Context, account jstore.AccountID, id string) ([]byte, error)
	// ListSealedKeys returns up to limit keys after the given account and id, in that order,
	// across accounts: how Rotate walks them all.
	ListSealedKeys(ctx context.Context, afterAccount jstore.AccountID, afterID string, limit int) ([]SealedKey, error)
}

// SealedKey is one stored key, as Store lists it.
type SealedKey struct {
	Account jstore.AccountID
	ID      string
	Sealed  []byte
}
