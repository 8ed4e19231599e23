package csr_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

func TestEveryCodeHasTextAndIsDocumented(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, c := range allCodes {
		p := csr.Problem{Code: c}
		ja, en := p.Message("ja"), p.Message("en")
		assert.NotEqual(t, string(c), en, "%s has English text", c)
		assert.NotEqual(t, ja, en, "%s has Japanese text", c)
		assert.True(t, strings.Contains(string(readme), "`"+string(c)+"`"), "README documents %s", c)
		assert.True(t, strings.Contains(string(readme), ja), "README gives the Japanese text of %s", c)
		assert.Equal(t, "csr: "+string(c), c.Error())
	}
	assert.Equal(t, "warning", csr.SeverityWarning.String())
}
