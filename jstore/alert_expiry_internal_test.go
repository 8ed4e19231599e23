package jstore

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestExpiryThreshold: the thresholds at the edges of a day, for a 47-day certificate
// reissued at two thirds of its life (day 31.3: 15.7 days left) and for one whose
// subscription ends with it (no reissue planned).
func TestExpiryThreshold(t *testing.T) {
	t.Parallel()
	s := &Service{ful: defaultFulfilment()}
	start := time.Date(2029, 3, 20, 0, 0, 0, 0, time.UTC)
	end := start.Add(47 * 24 * time.Hour)
	day := 24 * time.Hour
	c := Certificate{SerialHex: "0a", NotBefore: start, NotAfter: end, SubscriptionEnd: start.AddDate(1, 0, 0), ValidatedAt: start}
	last := c
	last.SubscriptionEnd = end // the subscription ends with this certificate
	leaf := &x509.Certificate{NotAfter: end}
	for _, tc := range []struct {
		name   string
		c      Certificate
		serial string
		left   time.Duration
		days   int
		late   bool
	}{
		{"31 days left: no threshold", c, "0a", 31 * day, 0, false},
		{"30 days left: before the reissue is due", c, "0a", 30 * day, 30, false},
		{"14 days and a second: not yet", c, "0a", 14*day + time.Second, 30, false},
		{"14 days left, the reissue due 1.7 days before: late", c, "0a", 14 * day, 14, true},
		{"7 days left", c, "0a", 7 * day, 7, true},
		{"an hour left", c, "0a", time.Hour, 1, true},
		{"ended", c, "0a", -time.Hour, 1, true},
		{"an older serial served: late at 30", c, "09", 30 * day, 30, true},
		{"no reissue planned: late at 30", last, "0a", 30 * day, 30, true},
		{"no reissue planned, 31 days left", last, "0a", 31 * day, 0, false},
	} {
		days, late := s.expiryThreshold(tc.c, leaf, tc.serial, end.Add(-tc.left))
		assert.Equal(t, tc.days, days, tc.name)
		assert.Equal(t, tc.late, late, tc.name)
	}
	days, late := s.expiryThreshold(c, nil, "", start)
	assert.Zero(t, days, "nothing served")
	assert.False(t, late)
}
