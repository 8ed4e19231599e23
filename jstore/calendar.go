package jstore

import "time"

// startOfDay returns 00:00 of t's calendar day in loc.
func startOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// addDays moves a start-of-day by n calendar days in its zone (not n*24h: DST-safe).
func addDays(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, day.Location())
}

// addYears adds n calendar years in loc, keeping the clock time. 29 February becomes
// 28 February in a common year rather than rolling into March, so a term never overpays.
func addYears(t time.Time, n int, loc *time.Location) time.Time {
	l := t.In(loc)
	y, m, d := l.Date()
	target := time.Date(y+n, m, 1, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), loc)
	last := target.AddDate(0, 1, -1).Day()
	return target.AddDate(0, 0, min(d, last)-1)
}
