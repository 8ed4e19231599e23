package memstore

import (
	"sort"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// endIndex keeps one account's renewable certificates sorted by subscription end, so that
// counting those ending in a range is two binary searches.
type endIndex struct {
	ends []endEntry
}

type endEntry struct {
	end time.Time
	id  jstore.CertificateID
}

func (x *endIndex) pos(end time.Time, id jstore.CertificateID) int {
	return sort.Search(len(x.ends), func(i int) bool {
		c := x.ends[i].end.Compare(end)
		return c > 0 || (c == 0 && x.ends[i].id >= id)
	})
}

func (x *endIndex) add(end time.Time, id jstore.CertificateID) {
	i := x.pos(end, id)
	x.ends = append(x.ends, endEntry{})
	copy(x.ends[i+1:], x.ends[i:])
	x.ends[i] = endEntry{end, id}
}

func (x *endIndex) remove(end time.Time, id jstore.CertificateID) {
	i := x.pos(end, id)
	if i < len(x.ends) && x.ends[i].id == id && x.ends[i].end.Equal(end) {
		x.ends = append(x.ends[:i], x.ends[i+1:]...)
	}
}

// count returns how many ends lie in [from, to).
func (x *endIndex) count(from, to time.Time) int {
	lo := sort.Search(len(x.ends), func(i int) bool { return !x.ends[i].end.Before(from) })
	hi := sort.Search(len(x.ends), func(i int) bool { return !x.ends[i].end.Before(to) })
	return max(hi-lo, 0)
}

// renewableIndexed is the condition for a certificate to sit in the index.
func renewableIndexed(c jstore.Certificate) bool {
	return c.Status == jstore.CertIssued && c.LockedBy == "" && c.ReplacedBy == ""
}
