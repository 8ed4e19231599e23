package jstore

import (
	"time"

	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// NextReissue says when the certificate's next free reissue falls due and whether the domains
// must be validated again for it. ok is false when the current certificate already covers the
// subscription end.
func NextReissue(c Certificate) (due time.Time, needsDCV bool, ok bool) {
	return cabf.ReissueDue(c.NotBefore, c.NotAfter, c.SubscriptionEnd, c.ValidatedAt)
}

// ReissueDue is when the certificate's next free reissue falls due, for the dashboard and for
// Sync; ok is false when none will: it is not issued, is locked, replaced, already being
// reissued, has no validity recorded, or its certificate covers the subscription end. Stores
// index certificates by it.
func (c Certificate) ReissueDue() (due time.Time, ok bool) {
	if c.Status != CertIssued || c.LockedBy != "" || c.ReplacedBy != "" || c.OpenReissue != "" || c.NotAfter.IsZero() {
		return time.Time{}, false
	}
	due, _, ok = NextReissue(c)
	return due, ok
}
