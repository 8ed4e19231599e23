package jstore

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHashingWaitsForASlot: with every slot taken, hashing and verifying wait, and a context
// that ends meanwhile returns its error rather than a verdict on the password.
func TestHashingWaitsForASlot(t *testing.T) {
	t.Parallel()
	h := newPasswordHasher(Argon2Params{Time: 1, Memory: 64, Threads: 1}, 1)
	encoded, err := h.hash(t.Context(), "correct horse 1")
	require.NoError(t, err)
	h.slots <- struct{}{} // another run holds the only slot
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	ok, err := h.verify(ctx, "correct horse 1", encoded)
	assert.False(t, ok)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = h.hash(ctx, "correct horse 1")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	<-h.slots
	ok, err = h.verify(t.Context(), "correct horse 1", encoded)
	require.NoError(t, err)
	assert.True(t, ok, "a free slot lets it run")
}
