package cabf

import "time"

// The CA/Browser Forum Baseline Requirements §6.3.2 and §4.2.1 as amended by ballot SC-081v3:
// from each date (a UTC instant, as CAs apply it), the longest certificate validity and the
// oldest domain-validation data a CA may use.
var schedule = []struct {
	from     time.Time
	lifetime time.Duration
	reuse    time.Duration
}{
	{time.Time{}, 398 * day, 398 * day},
	{time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 200 * day, 200 * day},
	{time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC), 100 * day, 100 * day},
	{time.Date(2029, 3, 15, 0, 0, 0, 0, time.UTC), 47 * day, 10 * day},
}

// EmailDCVSunset returns when constructed-address e-mail validation (BR 3.2.2.4.4) ends for
// issuance (ballot SC090): 2028-03-15 00:00 UTC.
func EmailDCVSunset() time.Time { return time.Date(2028, 3, 15, 0, 0, 0, 0, time.UTC) }

const day = 24 * time.Hour

// stage returns the schedule row in force at t.
func stage(t time.Time) int {
	i := len(schedule) - 1
	for i > 0 && t.Before(schedule[i].from) {
		i--
	}
	return i
}

// MaxLifetime is the longest validity a certificate issued at t may have (BR §6.3.2).
func MaxLifetime(issuedAt time.Time) time.Duration { return schedule[stage(issuedAt)].lifetime }

// DCVReuse is how old domain-validation data may be at issuance at t (BR §4.2.1).
func DCVReuse(issuedAt time.Time) time.Duration { return schedule[stage(issuedAt)].reuse }

// PlannedLifetime is notAfter − notBefore of the certificate we expect a CA to issue at t: a
// validity period (BR §1.6.1 counts it as notAfter − notBefore + 1 s) of one day under the
// maximum — 199, 99 or 46 days — since the BR say a CA SHOULD NOT issue beyond that.
func PlannedLifetime(issuedAt time.Time) time.Duration {
	return MaxLifetime(issuedAt) - day - time.Second
}

// PlannedCertificate is one certificate of a subscription's plan.
type PlannedCertificate struct {
	IssueAt  time.Time
	NotAfter time.Time
	// NeedsDCV is whether the domains must be validated again before this issuance.
	NeedsDCV bool
}

// PlanSubscription lays out the certificates that serve a subscription from start to end: each
// is reissued free when two thirds of the previous one's lifetime has passed (the share ACME
// clients use), and each needs fresh domain validation when the last validation would be older
// than the reuse limit at its issuance. The first certificate uses validatedAt. The plan ends
// with the certificate whose validity reaches end; it holds at most 400 entries.
func PlanSubscription(start, end, validatedAt time.Time) []PlannedCertificate {
	var plan []PlannedCertificate
	issue, validated := start, validatedAt
	for len(plan) < 400 {
		needs := issue.Sub(validated) > DCVReuse(issue)
		if needs {
			validated = issue
		}
		notAfter := issue.Add(PlannedLifetime(issue))
		if notAfter.After(end) {
			notAfter = end
		}
		plan = append(plan, PlannedCertificate{IssueAt: issue, NotAfter: notAfter, NeedsDCV: needs})
		if !notAfter.Before(end) {
			break
		}
		issue = issue.Add(notAfter.Sub(issue) * 2 / 3)
	}
	return plan
}

// ReissueDue is when the next free reissue of a certificate valid from notBefore to notAfter
// falls due — when two thirds of its life has passed — and whether the domains must be
// validated again for it, given when they last were. ok is false when the certificate already
// reaches the subscription's end.
func ReissueDue(notBefore, notAfter, subscriptionEnd, validatedAt time.Time) (due time.Time, needsDCV bool, ok bool) {
	if !notAfter.Before(subscriptionEnd) {
		return time.Time{}, false, false
	}
	due = notBefore.Add(notAfter.Sub(notBefore) * 2 / 3)
	return due, due.Sub(validatedAt) > DCVReuse(due), true
}
