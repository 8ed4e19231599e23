package keystore

import (
	"crypto"
	"encoding/pem"
	"fmt"
	"log/slog"
)

// PrivateKey is a certificate's key, for a deployer. It prints as redacted with every fmt verb
// and in slog; only PEM and Signer give the key.
type PrivateKey struct {
	signer crypto.Signer
	der    []byte
}

// PEM is the key as PKCS#8 PEM ("PRIVATE KEY"), for writing to a server.
func (k PrivateKey) PEM() []byte { return pemOf(k.der) }

// pemOf is a PKCS#8 key's PEM.
func pemOf(der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}) }

// Signer is the key for signing in process.
func (k PrivateKey) Signer() crypto.Signer { return k.signer }

// Public is the key's public half.
func (k PrivateKey) Public() crypto.PublicKey { return k.signer.Public() }

const redacted = "keystore.PrivateKey{[REDACTED]}"

// String hides the key.
func (k PrivateKey) String() string { return redacted }

// GoString hides the key from %#v.
func (k PrivateKey) GoString() string { return redacted }

// Format hides the key from every verb.
func (k PrivateKey) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue hides the key from slog.
func (k PrivateKey) LogValue() slog.Value { return slog.StringValue(redacted) }
