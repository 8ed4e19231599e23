package jstore

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAddYears(t *testing.T) {
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

func TestNormalizeDomain(t *testing.T) {
	tests := map[string]string{
		"WWW.Example.JP": "www.example.jp",
		"*.example.jp":   "*.example.jp",
		"例え.jp":          "xn--r8jz45g.jp",
		"a*.example.jp":  "",
		"*.*.example.jp": "",
		"example":        "",
		"":               "",
		"ex ample.jp":    "",
		"a..b.jp":        "",
		"-a.example.jp":  "",
		"under_score.jp": "",
		"192.168.0.1":    "",
		"::1":            "",
	}
	for in, want := range tests {
		got, err := normalizeDomain(in)
		if want == "" {
			assert.Error(t, err, in)
			continue
		}
		assert.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func FuzzNormalizeDomain(f *testing.F) {
	for _, s := range []string{"www.example.jp", "*.example.jp", "例え.jp", "xn--r8jz45g.jp", "a..b", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := normalizeDomain(in)
		if err != nil {
			return
		}
		if len(out) > MaxDomainBytes {
			t.Fatalf("%q normalised to %d bytes", in, len(out))
		}
		again, err := normalizeDomain(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", in, out, again, err)
		}
	})
}

type nopStore struct{}

func (nopStore) Update(context.Context, func(Tx) error) error { return nil }
func (nopStore) View(context.Context, func(Tx) error) error   { return nil }
