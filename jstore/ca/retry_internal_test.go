package ca

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestBackoff: each wait lies in the upper half of the doubled base, never above the cap.
func TestBackoff(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 9: time.Second} {
		for range 200 {
			d := p.backoff(n)
			assert.GreaterOrEqual(t, d, want/2, "retry %d", n)
			assert.LessOrEqual(t, d, want, "retry %d", n)
		}
	}
	assert.Zero(t, RetryPolicy{MaxAttempts: 2}.backoff(3), "no base, no wait")
}
