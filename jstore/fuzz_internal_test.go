package jstore

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// seedCSRs adds the shared real-world CSRs, when the checkout has them beside it.
func seedCSRs(f *testing.F) {
	files, _ := filepath.Glob("../../shared/testdata/csr/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"))
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
}

func FuzzX509Checker(f *testing.F) {
	seedCSRs(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, want := range []CSRCheck{{}, {Wildcard: true}, {ExpectedCN: "www.example.jp"}} {
			info, err := X509Checker{}.CheckCSR(in, want)
			if err == nil {
				if info.CommonName == "" {
					t.Fatal("a passing CSR has a common name")
				}
				continue
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("not a validation error: %v", err)
			}
		}
	})
}

func FuzzParseLeaf(f *testing.F) {
	seedCSRs(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		if _, err := parseLeaf(string(in)); err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}
