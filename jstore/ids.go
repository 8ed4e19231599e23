package jstore

import (
	"crypto/rand"
	"encoding/hex"
)

// IDs are opaque strings chosen by the Service; the Store keeps them as they are.
type (
	AccountID     string
	ApplicationID string
	OrderID       string
	CertificateID string
	InquiryID     string
)

// newID returns prefix + 24 random hex digits. crypto/rand never fails on supported platforms
// (Go 1.24+ crashes the program instead), so there is no error to return.
func newID(prefix string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}
