package dcv

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jstore-sdk/sdk/message"
)

// TestVocabulary: every code has both texts, the same placeholders, and no English word in the
// Japanese.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	assert.NoError(t, message.VerifyAll(texts))
	for _, code := range []Code{CodeZoneNotFound, CodeProvider, CodePropagation, CodeNameserver, CodeWebRoot, CodeInvalidChallenge} {
		assert.Contains(t, texts, code)
	}
}
