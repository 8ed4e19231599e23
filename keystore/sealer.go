package keystore

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// KeyID names a sealing key: 1 to 64 bytes of printable ASCII.
type KeyID string

// Errors opening a sealed key.
var (
	// ErrUnknownKeyID: the key was sealed under an ID the Sealer does not hold.
	ErrUnknownKeyID = errors.New("keystore: sealed under a key ID this sealer does not hold")
	// ErrTampered: the sealed bytes were changed, or belong to another record.
	ErrTampered = errors.New("keystore: the sealed key does not open: changed, or another record's")
	// ErrMalformed: not a sealed key of this package.
	ErrMalformed = errors.New("keystore: not a sealed key")
)

// Sealer seals private keys with AES-256-GCM under the current key and opens what any key of
// its ring sealed.
type Sealer struct {
	current KeyID
	ring    map[KeyID]cipher.AEAD
}

// NewSealer returns a sealer whose ring holds keys (each 32 bytes, from a secret manager) and
// that seals under current.
func NewSealer(current KeyID, keys map[KeyID][]byte) (*Sealer, error) {
	if _, ok := keys[current]; !ok {
		return nil, fmt.Errorf("keystore: NewSealer: the current key ID %q is not in the ring", current)
	}
	s := &Sealer{current: current, ring: map[KeyID]cipher.AEAD{}}
	for id, key := range keys {
		if err := checkID(id); err != nil {
			return nil, err
		}
		if len(key) != 32 {
			return nil, fmt.Errorf("keystore: NewSealer: key %q has %d bytes, want 32 (AES-256)", id, len(key))
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("keystore: NewSealer: %w", err)
		}
		if s.ring[id], err = cipher.NewGCM(block); err != nil {
			return nil, fmt.Errorf("keystore: NewSealer: %w", err)
		}
	}
	return s, nil
}

func checkID(id KeyID) error {
	if len(id) == 0 || len(id) > 64 {
		return fmt.Errorf("keystore: a key ID has 1 to 64 bytes, not %d", len(id))
	}
	for i := range len(id) {
		if id[i] < 0x21 || id[i] > 0x7e {
			return errors.New("keystore: a key ID is printable ASCII without spaces")
		}
	}
	return nil
}

// Current is the ID new keys are sealed under.
func (s *Sealer) Current() KeyID { return s.current }

// magic starts every sealed key: the format's version.
const magic = "JKS1"

// seal encrypts plain bound to aad: magic, the key ID's length and the ID, the nonce, the
// ciphertext with its tag. The key ID is authenticated too.
func (s *Sealer) seal(plain, aad []byte) ([]byte, error) {
	aead := s.ring[s.current]
	head := append([]byte(magic), byte(len(s.current)))
	head = append(head, s.current...)
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("keystore: seal: %w", err)
	}
	out := append(head, nonce...)
	return aead.Seal(out, nonce, plain, append(head, aad...)), nil
}

// open decrypts a sealed key bound to aad and says which key sealed it.
func (s *Sealer) open(sealed, aad []byte) ([]byte, KeyID, error) {
	if len(sealed) < len(magic)+1 || string(sealed[:len(magic)]) != magic {
		return nil, "", ErrMalformed
	}
	n := int(sealed[len(magic)])
	idEnd := len(magic) + 1 + n
	if n == 0 || len(sealed) < idEnd {
		return nil, "", ErrMalformed
	}
	id := KeyID(sealed[len(magic)+1 : idEnd])
	aead, ok := s.ring[id]
	if !ok {
		return nil, id, fmt.Errorf("%w: %q", ErrUnknownKeyID, id)
	}
	if len(sealed) < idEnd+aead.NonceSize()+aead.Overhead() {
		return nil, id, ErrMalformed
	}
	head := sealed[:idEnd]
	nonce := sealed[idEnd : idEnd+aead.NonceSize()]
	plain, err := aead.Open(nil, nonce, sealed[idEnd+aead.NonceSize():], append(append([]byte{}, head...), aad...))
	if err != nil {
		return nil, id, ErrTampered
	}
	return plain, id, nil
}
