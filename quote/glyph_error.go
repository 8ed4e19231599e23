package quote

import (
	"fmt"
	"strings"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// GlyphError says the font cannot draw some of a quote's characters, which would otherwise
// print as empty boxes while the copied text says something else.
type GlyphError struct {
	Missing []rune // each character once, in code order
}

func (e *GlyphError) Error() string {
	return "quote: the font cannot draw " + e.list(", ", "%s (U+%04X)")
}

// Message names the characters in lang.
func (e *GlyphError) Message(lang message.Lang) string { return e.Problem().Message(lang) }

// Problem is the error as a user-facing problem, code glyph_missing.
func (e *GlyphError) Problem() jstore.Problem {
	chars := make(message.List, len(e.Missing))
	for i, c := range e.Missing {
		chars[i] = message.Char(c)
	}
	return problem("glyph_missing", "text", message.With("chars", chars))
}

func (e *GlyphError) list(sep, format string) string {
	parts := make([]string, len(e.Missing))
	for i, c := range e.Missing {
		parts[i] = fmt.Sprintf(format, string(c), c)
	}
	return strings.Join(parts, sep)
}

// Missing lists the characters of s the font cannot draw, each once, in code order; a form can
// check a recipient with it before asking for a quote. Control characters are not listed (the
// quote refuses them on their own).
func (f *Font) Missing(s string) []rune { return f.parsed.Missing([]rune(s)) }

// missing lists the characters of rs that neither the font nor the fallback can draw.
func (r *Renderer) missing(rs []rune) []rune {
	out := r.font.parsed.Missing(rs)
	if r.fallback != nil {
		out = r.fallback.parsed.Missing(out)
	}
	return out
}
