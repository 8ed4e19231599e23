package jstore

import "time"

// WindowSpan is a renewal window as instants: [Opens, Closes).
type WindowSpan struct {
	Opens  time.Time
	Closes time.Time
}

// Contains reports whether t lies in the window.
func (w WindowSpan) Contains(t time.Time) bool { return !t.Before(w.Opens) && t.Before(w.Closes) }

// RenewalWindowFor returns the renewal window of a subscription ending at end: from the start of
// the calendar day Before days before end's day, through the end of the calendar day After days
// after it, in the service's zone.
func (s *Service) RenewalWindowFor(end time.Time) WindowSpan {
	day := startOfDay(end, s.loc)
	return WindowSpan{Opens: addDays(day, -s.window.Before), Closes: addDays(day, s.window.After+1)}
}

// renewableRange returns the subscription ends whose window contains now, as [from, to): the
// inverse of RenewalWindowFor, so the dashboard can count from an index on the end.
func (s *Service) renewableRange(now time.Time) (from, to time.Time) {
	today := startOfDay(now, s.loc)
	return addDays(today, -s.window.After), addDays(today, s.window.Before+1)
}
