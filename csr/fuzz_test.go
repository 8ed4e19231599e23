package csr_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/jstore-sdk/sdk/csr"
)

func seed(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----\n"))
	f.Add([]byte("----BEGIN NEW CERTIFICATE REQUEST----\nMIIB\n-----END CERTIFICATE REQUEST-----"))
}

// FuzzParse: no panic, and either a request or a *csr.Error.
func FuzzParse(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := csr.Parse(in)
		var e *csr.Error
		switch {
		case err == nil && r == nil:
			t.Fatal("no request and no error")
		case err != nil && !errors.As(err, &e):
			t.Fatalf("not a *csr.Error: %v", err)
		case err == nil && r.PEM() == "":
			t.Fatal("a parsed request re-armours")
		}
	})
}

// FuzzCheck: no panic; a refusal is a *csr.Error with at least one error-severity problem.
func FuzzCheck(f *testing.F) {
	seed(f)
	policies := []csr.Policy{{}, {Wildcard: true, OrganizationValidated: true, ExpectedCN: "www.example.jp"}, {Strict: true}}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, p := range policies {
			_, err := csr.Check(in, p)
			if err == nil {
				continue
			}
			var e *csr.Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("not a *csr.Error with problems: %v", err)
			}
			refused := false
			for _, pr := range e.Problems {
				refused = refused || pr.Severity == csr.SeverityError
				if pr.Message("ja") == "" || pr.Message("en") == "" {
					t.Fatalf("%s has no text", pr.Code)
				}
			}
			if !refused {
				t.Fatal("refused without an error-severity problem")
			}
		}
	})
}
