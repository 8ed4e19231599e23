package cabf_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/cabf"
)

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var tokyo = time.FixedZone("JST", 9*60*60)

func TestLifetimeSchedule(t *testing.T) {
	t.Parallel()
	const day = 24 * time.Hour
	tests := []struct {
		at       time.Time
		lifetime time.Duration
		reuse    time.Duration
	}{
		{utc(2026, 3, 15).Add(-time.Nanosecond), 398 * day, 398 * day},
		{utc(2026, 3, 15), 200 * day, 200 * day},
		{utc(2027, 3, 15).Add(-time.Nanosecond), 200 * day, 200 * day},
		{utc(2027, 3, 15), 100 * day, 100 * day},
		{utc(2028, 3, 15), 100 * day, 100 * day},
		{utc(2029, 3, 15).Add(-time.Nanosecond), 100 * day, 100 * day},
		{utc(2029, 3, 15), 47 * day, 10 * day},
		{utc(2035, 1, 1), 47 * day, 10 * day},
		// 09:00 JST on 15 March is the UTC instant: 08:59 JST is still before it.
		{time.Date(2026, 3, 15, 8, 59, 59, 0, tokyo), 398 * day, 398 * day},
		{time.Date(2026, 3, 15, 9, 0, 0, 0, tokyo), 200 * day, 200 * day},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.lifetime, cabf.MaxLifetime(tc.at), "lifetime at %s", tc.at)
		assert.Equal(t, tc.reuse, cabf.DCVReuse(tc.at), "reuse at %s", tc.at)
		assert.Equal(t, tc.lifetime-day, cabf.PlannedLifetime(tc.at)+time.Second, "the planned validity period (notAfter − notBefore + 1 s) is a day under the cap, as the BR's SHOULD asks")
	}
}

func TestPlanSubscription(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		start     time.Time
		years     int
		minCerts  int
		maxCerts  int
		allNewDCV bool
	}{
		{"2025, one certificate covers a year", utc(2025, 6, 1), 1, 1, 1, false},
		{"2026-03-15, 200 days", utc(2026, 3, 15), 1, 3, 3, false},
		{"2027-03-15, 100 days: at least 4 (BR arithmetic)", utc(2027, 3, 15), 1, 4, 6, false},
		{"2029-03-15, 47 days: at least 8, each revalidated", utc(2029, 3, 15), 1, 8, 12, true},
		{"three years from 2026-11-25", utc(2026, 11, 25), 3, 10, 40, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			end := tc.start.AddDate(tc.years, 0, 0)
			plan := cabf.PlanSubscription(tc.start, end, tc.start)
			require.NotEmpty(t, plan)
			assert.GreaterOrEqual(t, len(plan), tc.minCerts)
			assert.LessOrEqual(t, len(plan), tc.maxCerts)
			assert.Equal(t, tc.start, plan[0].IssueAt)
			assert.Equal(t, end, plan[len(plan)-1].NotAfter, "the plan reaches the subscription end")
			for i, c := range plan {
				assert.LessOrEqual(t, c.NotAfter.Sub(c.IssueAt), cabf.MaxLifetime(c.IssueAt), "certificate %d within the cap", i)
				if i > 0 {
					assert.True(t, c.IssueAt.Before(plan[i-1].NotAfter), "certificate %d is issued before the previous expires", i)
					if tc.allNewDCV {
						assert.True(t, c.NeedsDCV, "certificate %d revalidates: reuse is 10 days", i)
					}
				}
			}
		})
	}
	assert.Len(t, cabf.PlanSubscription(utc(2027, 1, 1), utc(2026, 1, 1), utc(2027, 1, 1)), 1, "an empty span is one certificate")
	stale := cabf.PlanSubscription(utc(2027, 6, 1), utc(2027, 7, 1), utc(2027, 1, 1))
	assert.True(t, stale[0].NeedsDCV, "validation older than 100 days at issuance")
}
