package keystore

import (
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/jstore"
)

// Keys makes each certificate's key and CSR and keeps the key sealed in a Store. It is a
// jstore.KeySource and safe for concurrent use.
type Keys struct {
	st      Store
	sealer  *Sealer
	keyType csr.KeyType
}

var (
	_ jstore.KeySource = (*Keys)(nil)
	_ jstore.KeyHolder = (*Keys)(nil)
)

// Option configures Keys.
type Option func(*Keys) error

// WithKeyType sets the key Keys makes: csr.RSA2048 (the default), csr.RSA3072 or csr.RSA4096.
// The CA certifies RSA keys only.
func WithKeyType(t csr.KeyType) Option {
	return func(k *Keys) error {
		switch t {
		case csr.RSA2048, csr.RSA3072, csr.RSA4096:
			k.keyType = t
			return nil
		}
		return fmt.Errorf("keystore: WithKeyType: %q: the CA takes RSA keys only (RSA-2048, RSA-3072, RSA-4096)", t)
	}
}

// New returns Keys over st, sealing with s.
func New(st Store, s *Sealer, opts ...Option) (*Keys, error) {
	if st == nil || s == nil {
		return nil, errors.New("keystore: New: a store and a sealer are needed")
	}
	k := &Keys{st: st, sealer: s, keyType: csr.RSA2048}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("keystore: New: option %d is nil", i)
		}
		if err := o(k); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// NewCSR makes a new key for c's next certificate, stores it sealed, and only then returns the
// CSR: a CSR never leaves without its key kept. The CSR carries c's common name, its names and
// its organisation.
func (k *Keys) NewCSR(ctx context.Context, c jstore.Certificate) (string, error) {
	keyPEM, csrPEM, err := csr.Generate(csr.GenerateRequest{Key: k.keyType,
		Subject: csr.Subject{CommonName: c.CommonName, Organization: c.Organization.Name}, DNSNames: c.SANs})
	if err != nil {
		return "", fmt.Errorf("keystore: certificate %s: %w", c.ID, err)
	}
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return "", errors.New("keystore: the generated key is not PEM")
	}
	signer, err := parseKey(block.Bytes)
	if err != nil {
		return "", err
	}
	id, err := KeyIDOf(signer.Public())
	if err != nil {
		return "", err
	}
	sealed, err := k.sealer.seal(block.Bytes, binding(c.Account, id))
	if err != nil {
		return "", err
	}
	if err := k.st.PutSealedKey(ctx, c.Account, id, sealed); err != nil {
		return "", fmt.Errorf("keystore: storing the key: %w", err)
	}
	return string(csrPEM), nil
}

// PrivateKey returns the key of the account's certificate whose public key is pub (a leaf's
// PublicKey), or an error matching jstore.ErrNotFound. A key sealed under an older key ID is
// resealed under the current one.
func (k *Keys) PrivateKey(ctx context.Context, account jstore.AccountID, pub crypto.PublicKey) (*PrivateKey, error) {
	der, err := k.open(ctx, account, pub)
	if err != nil {
		return nil, err
	}
	signer, err := parseKey(der)
	if err != nil {
		return nil, err
	}
	return &PrivateKey{signer: signer, der: der}, nil
}

// open finds and opens the key of pub (PKCS#8 DER), resealing it under the current key ID
// when an older one sealed it.
func (k *Keys) open(ctx context.Context, account jstore.AccountID, pub crypto.PublicKey) ([]byte, error) {
	id, err := KeyIDOf(pub)
	if err != nil {
		return nil, err
	}
	sealed, err := k.st.GetSealedKey(ctx, account, id)
	if err != nil {
		return nil, fmt.Errorf("keystore: key %s: %w", id, err)
	}
	der, sealedBy, err := k.sealer.open(sealed, binding(account, id))
	if err != nil {
		return nil, fmt.Errorf("keystore: key %s: %w", id, err)
	}
	if sealedBy != k.sealer.current {
		if err := k.reseal(ctx, account, id, der); err != nil {
			return nil, err
		}
	}
	return der, nil
}

// Rotate reseals under the current key ID every key sealed under another, and says how many
// it resealed. A key no ID of the ring opens stops it with ErrUnknownKeyID or ErrTampered.
func (k *Keys) Rotate(ctx context.Context) (int, error) {
	const page = 500
	var afterAccount jstore.AccountID
	var afterID string
	n := 0
	for {
		keys, err := k.st.ListSealedKeys(ctx, afterAccount, afterID, page)
		if err != nil {
			return n, err
		}
		for _, sk := range keys {
			der, sealedBy, err := k.sealer.open(sk.Sealed, binding(sk.Account, sk.ID))
			if err != nil {
				return n, fmt.Errorf("keystore: key %s of %s: %w", sk.ID, sk.Account, err)
			}
			if sealedBy == k.sealer.current {
				continue
			}
			if err := k.reseal(ctx, sk.Account, sk.ID, der); err != nil {
				return n, err
			}
			n++
		}
		if len(keys) < page {
			return n, nil
		}
		afterAccount, afterID = keys[len(keys)-1].Account, keys[len(keys)-1].ID
	}
}

func (k *Keys) reseal(ctx context.Context, account jstore.AccountID, id string, der []byte) error {
	sealed, err := k.sealer.seal(der, binding(account, id))
	if err != nil {
		return err
	}
	if err := k.st.PutSealedKey(ctx, account, id, sealed); err != nil {
		return fmt.Errorf("keystore: resealing key %s: %w", id, err)
	}
	return nil
}

// KeyIDOf is the ID a key is stored under: the hex SHA-256 of its SubjectPublicKeyInfo.
func KeyIDOf(pub crypto.PublicKey) (string, error) {
	spki, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("keystore: %w", err)
	}
	sum := sha256.Sum256(spki)
	return hex.EncodeToString(sum[:]), nil
}

// binding is what a sealed key is bound to: its account and public key.
func binding(account jstore.AccountID, id string) []byte {
	return []byte(string(account) + "\x00" + id)
}

func parseKey(der []byte) (crypto.Signer, error) {
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, errors.New("keystore: the stored key does not parse") // no detail: it could quote the key
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("keystore: the stored key cannot sign")
	}
	return signer, nil
}

// KeyPEM is the key as PKCS#8 PEM, for jstore.WithDeployers: what a deployer writes, without
// parsing the key into a signer first.
func (k *Keys) KeyPEM(ctx context.Context, account jstore.AccountID, pub crypto.PublicKey) ([]byte, error) {
	der, err := k.open(ctx, account, pub)
	if err != nil {
		return nil, err
	}
	return pemOf(der), nil
}
