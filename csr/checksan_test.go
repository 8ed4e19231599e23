package csr_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

func TestCheckSAN(t *testing.T) {
	tests := []struct {
		in, want string
		code     csr.Code
	}{
		{"www.example.jp", "www.example.jp", ""},
		{"  Shop.Example.JP ", "shop.example.jp", ""},
		{"例え.jp", "xn--r8jz45g.jp", ""},
		{"xn--r8jz45g.jp", "xn--r8jz45g.jp", ""},
		{"*.example.jp", "", csr.CodeSANInvalid},
		{"a*.example.jp", "", csr.CodeSANInvalid},
		{"intranet", "", csr.CodeSANInvalid},
		{"host.local", "", csr.CodeSANInvalid},
		{"server.internal", "", csr.CodeSANInvalid},
		{"co.jp", "", csr.CodeSANInvalid},
		{"exa mple.jp", "", csr.CodeSANInvalid},
		{"a..b.jp", "", csr.CodeSANInvalid},
		{"-a.example.jp", "", csr.CodeSANInvalid},
		{"under_score.example.jp", "", csr.CodeSANInvalid},
		{"a\x07.example.jp", "", csr.CodeSANInvalid},
		{"\xff.example.jp", "", csr.CodeSANInvalid},
		{strings.Repeat("a.", 127) + "jp", "", csr.CodeSANInvalid},
		{strings.Repeat("例", 2000) + ".jp", "", csr.CodeSANInvalid},
		{"192.0.2.1", "", csr.CodeSANIP},
		{"2001:db8::1", "", csr.CodeSANIP},
		{"", "", csr.CodeSANInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, p := csr.CheckSAN(tc.in)
			if tc.code == "" {
				require.Nil(t, p)
				assert.Equal(t, tc.want, got)
				return
			}
			require.NotNil(t, p)
			assert.Equal(t, tc.code, p.Code)
			assert.Empty(t, got)
			assert.NotEmpty(t, p.Message("ja"))
			assert.NotEmpty(t, p.Message("en"))
		})
	}
}

// FuzzCheckSAN: whatever is accepted is a lower-case A-label name of at most 253 bytes that is
// accepted again unchanged.
func FuzzCheckSAN(f *testing.F) {
	for _, s := range []string{"www.example.jp", "*.example.jp", "例え.jp", "xn--r8jz45g.jp", "a..b", "\x00", "192.0.2.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, p := csr.CheckSAN(in)
		if p != nil {
			return
		}
		if len(out) > 253 || out != strings.ToLower(out) {
			t.Fatalf("%q accepted as %q", in, out)
		}
		if again, p := csr.CheckSAN(out); p != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", in, out, again, p)
		}
	})
}
