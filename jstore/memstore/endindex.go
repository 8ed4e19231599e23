package memstore

import (
	"math"
	"slices"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// endIndex keeps one account's renewable certificates sorted by subscription end, so that
// counting those ending in a range is two binary searches. The ends sit in their own []int64
// (8 bytes each, not a 40-byte time.Time with an ID) so that the searches of a million
// certificates stay in cache; the IDs run parallel, for removal.
type endIndex struct {
	ends []int64
	ids  []jstore.CertificateID
}

// key maps an instant to a sortable integer. Instants outside the years 1678 to 2262 saturate;
// order is kept everywhere else, which covers every real subscription.
func key(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// lowerBound returns the first position whose end is at least k.
func (x *endIndex) lowerBound(k int64) int {
	i, _ := slices.BinarySearch(x.ends, k)
	return i
}

func (x *endIndex) add(end time.Time, id jstore.CertificateID) {
	k := key(end)
	i := x.lowerBound(k)
	x.ends = slices.Insert(x.ends, i, k)
	x.ids = slices.Insert(x.ids, i, id)
}

func (x *endIndex) remove(end time.Time, id jstore.CertificateID) {
	k := key(end)
	for i := x.lowerBound(k); i < len(x.ends) && x.ends[i] == k; i++ {
		if x.ids[i] == id {
			x.ends = slices.Delete(x.ends, i, i+1)
			x.ids = slices.Delete(x.ids, i, i+1)
			return
		}
	}
}

// count returns how many ends lie in [from, to). The second search runs only over the ends
// after from, which the first search has just brought into cache.
func (x *endIndex) count(from, to time.Time) int {
	lo := x.lowerBound(key(from))
	n, _ := slices.BinarySearch(x.ends[lo:], key(to))
	return n
}

// renewableIndexed is the condition for a certificate to sit in the index.
func renewableIndexed(c jstore.Certificate) bool {
	return c.Status == jstore.CertIssued && c.LockedBy == "" && c.ReplacedBy == ""
}
