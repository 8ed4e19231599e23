package jstore

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAddYears(t *testing.T) {
	t.Parallel()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from  time.Time
		years int
		want  time.Time
	}{
		{time.Date(2028, 2, 29, 12, 0, 0, 0, tokyo), 1, time.Date(2029, 2, 28, 12, 0, 0, 0, tokyo)},
		{time.Date(2028, 2, 29, 12, 0, 0, 0, tokyo), 3, time.Date(2031, 2, 28, 12, 0, 0, 0, tokyo)},
		{time.Date(2027, 2, 28, 12, 0, 0, 0, tokyo), 1, time.Date(2028, 2, 28, 12, 0, 0, 0, tokyo)},
		{time.Date(2026, 1, 31, 0, 0, 0, 0, tokyo), 2, time.Date(2028, 1, 31, 0, 0, 0, 0, tokyo)},
		{time.Date(2026, 12, 31, 23, 59, 59, 0, tokyo), 1, time.Date(2027, 12, 31, 23, 59, 59, 0, tokyo)},
		// 20:00 UTC on 28 Feb 2027 is already 1 March 05:00 in Tokyo.
		{time.Date(2027, 2, 28, 20, 0, 0, 0, time.UTC), 1, time.Date(2028, 3, 1, 5, 0, 0, 0, tokyo)},
		// 15:00 UTC on 28 Feb 2028 is 29 Feb 00:00 in Tokyo: the Tokyo calendar decides.
		{time.Date(2028, 2, 28, 15, 0, 0, 0, time.UTC), 1, time.Date(2029, 2, 28, 0, 0, 0, 0, tokyo)},
	}
	for _, tc := range tests {
		got := addYears(tc.from, tc.years, tokyo)
		assert.True(t, tc.want.Equal(got), "%s + %d years = %s, want %s", tc.from, tc.years, got, tc.want)
	}
}

func TestRenewableRangeInvertsWindow(t *testing.T) {
	t.Parallel()
	s, err := New(nopStore{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 10, 1, 3, 0, 0, 0, time.UTC)
	from, to := s.renewableRange(now)
	for end := from.Add(-48 * time.Hour); end.Before(to.Add(48 * time.Hour)); end = end.Add(time.Hour) {
		inRange := !end.Before(from) && end.Before(to)
		assert.Equal(t, s.RenewalWindowFor(end).Contains(now), inRange, "end %s", end)
	}
}

type nopStore struct{}

func (nopStore) Update(context.Context, func(Tx) error) error { return nil }
func (nopStore) View(context.Context, func(Tx) error) error   { return nil }
