package csr_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

func TestCheckSAN(t *testing.T) {
	t.Parallel()
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
		{"intranet", "", csr.CodeSANInternal},
		{"host.local", "", csr.CodeSANInternal},
		{"server.internal", "", csr.CodeSANInternal},
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

// TestNamesThatCouldDeceive: names that would show as one name and stand for another are
// refused with a code of their own, never rewritten; a label in one script (or a Japanese mix)
// is a valid IDN, accepted as its A-label.
func TestNamesThatCouldDeceive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		code           csr.Code
	}{
		{"zero-width space", "www.exa\u200bmple.jp", "", csr.CodeSANInvisible},
		{"right-to-left override", "shop\u202e.example.jp", "", csr.CodeSANInvisible},
		{"soft hyphen", "ex\u00adample.jp", "", csr.CodeSANInvisible},
		{"zero-width joiner", "exam\u200dple.jp", "", csr.CodeSANInvisible},
		{"byte order mark inside", "exa\ufeffmple.jp", "", csr.CodeSANInvisible},
		{"variation selector", "例\ufe0fえ.jp", "", csr.CodeSANInvisible},
		{"Hangul filler", "a\u3164.example.jp", "", csr.CodeSANInvisible},
		{"ideographic space", "例え\u3000.jp", "", csr.CodeSANInvisible},
		{"full-width Latin", "ｅｘａｍｐｌｅ.jp", "", csr.CodeSANFullwidth},
		{"full-width dot", "example．jp", "", csr.CodeSANFullwidth},
		{"half-width katakana", "ｶﾌﾞ.jp", "", csr.CodeSANFullwidth},
		{"ligature", "\ufb01le.example.jp", "", csr.CodeSANFullwidth},
		{"circled digit", "\u2460.example.jp", "", csr.CodeSANFullwidth},
		{"Cyrillic a in apple", "\u0430pple.com", "", csr.CodeSANMixedScript},
		{"the same as an A-label", "xn--pple-43d.com", "", csr.CodeSANMixedScript},
		{"Greek omicron in google", "g\u03bfogle.com", "", csr.CodeSANMixedScript},
		{"Cyrillic and Japanese", "例え\u0430.jp", "", csr.CodeSANMixedScript},
		{"all Cyrillic", "\u043f\u0440\u0438\u043c\u0435\u0440.com", "xn--e1afmkfd.com", ""},
		{"kanji and hiragana", "例え.jp", "xn--r8jz45g.jp", ""},
		{"katakana with the long mark", "ショップ.jp", "xn--xckya1d0c.jp", ""},
		{"Japanese with Latin", "jp東京.jp", "xn--jp-n92cn98g.jp", ""},
		{"ideographic full stop", "例え。jp", "xn--r8jz45g.jp", ""},
		{"upper-case IDN is folded", "ÄPFEL.de", "xn--pfel-koa.de", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, p := csr.CheckSAN(tc.in)
			if tc.code == "" {
				require.Nil(t, p, "%v", p)
				assert.Equal(t, tc.want, got)
				return
			}
			require.NotNil(t, p, "accepted as %q", got)
			assert.Equal(t, tc.code, p.Code, p.Message("en"))
			assert.Empty(t, got)
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
