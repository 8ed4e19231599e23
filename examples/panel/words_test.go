package main

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/message"
)

// TestWords: every label has both languages and no English in the Japanese, and every label a
// template or handler names exists (word shows a missing one as its key).
func TestWords(t *testing.T) {
	t.Parallel()
	assert.NoError(t, message.VerifyAll(words))
	used := regexp.MustCompile(`\bt (?:\.Lang|\$lang|\$\.Lang) "([a-z_A-Z]+)"`)
	pages, err := fs.Glob(templateFS, "templates/*.html")
	require.NoError(t, err)
	n := 0
	for _, p := range pages {
		b, err := fs.ReadFile(templateFS, p)
		require.NoError(t, err)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			n++
			assert.Contains(t, words, m[1], "%s uses %q", p, m[1])
		}
	}
	assert.Greater(t, n, 50, "the templates' labels are found")
	for _, r := range reasons {
		assert.Contains(t, words, "reason_"+string(r))
	}
}
