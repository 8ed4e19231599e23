package csr

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/message"
)

// TestVocabulary checks every code's and every detail's text: both languages, the same
// placeholders, and no English word in the Japanese.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	assert.NoError(t, message.VerifyAll(messages), "codes")
	assert.NoError(t, message.VerifyAll(details), "details")
}

// TestProblemsReadInOneLanguage runs Check over every CSR in testdata and checks each problem's
// Japanese text, details included, for English words, and its field for the one spelling.
func TestProblemsReadInOneLanguage(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/*")
	require.NoError(t, err)
	seen := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		_, err = Check(b, Policy{})
		var ce *Error
		if err == nil || !assertAs(t, err, &ce) {
			continue
		}
		for _, p := range ce.Problems {
			seen++
			ja := p.Text().Render(message.Japanese, dataBlanked(p.Args()))
			assert.Empty(t, message.EnglishWord(ja), "%s: %s", f, ja)
			assert.Regexp(t, `^[a-z0-9._]+$`, p.Field, "%s: field names are lower case", f)
		}
	}
	assert.Greater(t, seen, 20, "the corpus yields problems")
}

func TestDetailRendersInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	p := Problem{Code: CodeKeyTooSmall, Detail: detail("at_least", message.With("size", bitCount(1024)), message.With("min", bitCount(2048)))}
	assert.Equal(t, "鍵長が短すぎます。（1024ビット、2048ビット以上）", p.Message(message.Japanese))
	assert.Equal(t, "the key is too small (1024 bits; at least 2048 bits)", p.Message(message.English))
	assert.Equal(t, "鍵長が短すぎます。", Problem{Code: CodeKeyTooSmall}.Message(message.Japanese))
}

func assertAs(t *testing.T, err error, target **Error) bool {
	t.Helper()
	e, ok := err.(*Error)
	if assert.True(t, ok, "a *csr.Error: %v", err) {
		*target = e
	}
	return ok
}

// dataBlanked replaces the parts of args that are the input's own data (names, quoted values)
// with a neutral mark, so only our wording is judged.
func dataBlanked(args []message.Arg) []message.Arg {
	out := make([]message.Arg, len(args))
	for i, a := range args {
		out[i] = message.With(a.Name, blank(a.Value))
	}
	return out
}

func blank(v message.Value) message.Value {
	switch v := v.(type) {
	case message.Literal, message.Quoted, message.Char:
		return message.Literal("＊")
	case message.Sentence:
		return message.Sentence{Text: v.Text, Args: dataBlanked(v.Args)}
	default:
		return v
	}
}
