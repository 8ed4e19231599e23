package jstore_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestNextReissue(t *testing.T) {
	t.Parallel()
	c := jstore.Certificate{NotBefore: utc(2027, 3, 15), NotAfter: utc(2027, 3, 15).Add(99 * 24 * time.Hour),
		SubscriptionEnd: utc(2028, 3, 15), ValidatedAt: utc(2027, 3, 15)}
	due, needs, ok := jstore.NextReissue(c)
	require.True(t, ok)
	assert.Equal(t, utc(2027, 3, 15).Add(66*24*time.Hour), due, "two thirds of 99 days")
	assert.False(t, needs, "66 days is inside the 100-day reuse")

	c.ValidatedAt = utc(2026, 12, 1)
	_, needs, _ = jstore.NextReissue(c)
	assert.True(t, needs)

	c.SubscriptionEnd = c.NotAfter
	_, _, ok = jstore.NextReissue(c)
	assert.False(t, ok, "the certificate covers the subscription")
}
