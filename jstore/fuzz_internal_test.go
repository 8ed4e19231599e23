package jstore

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseLeaf: RecordIssuance's certificate parser never panics and refuses with ErrInvalid.
func FuzzParseLeaf(f *testing.F) {
	files, _ := filepath.Glob("../csr/testdata/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if _, err := parseLeaf(string(in)); err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}
