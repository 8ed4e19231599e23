package quote

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jstore-sdk/sdk/message"
)

func TestVocabulary(t *testing.T) {
	t.Parallel()
	assert.NoError(t, message.VerifyAll(problemTexts), "problems")
	assert.NoError(t, message.VerifyAll(fieldNames), "fields")
	assert.NoError(t, lineDomain.Verify())
	p := problem("too_long", "lines[2].domain", message.With("field", message.Sentence{Text: lineDomain, Args: []message.Arg{message.With("line", count(3, message.NoUnit))}}), message.With("max", count(maxTextChars, message.Characters)))
	assert.Equal(t, "3行目のドメイン名は200文字以下にしてください。", p.Message(message.Japanese))
	assert.Equal(t, "the domain of line 3 must be at most 200 characters", p.Message(message.English))
}
