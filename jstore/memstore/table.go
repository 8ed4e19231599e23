package memstore

import (
	"sort"
	"strconv"

	"github.com/jstore-sdk/sdk/jstore"
)

// entry is a record's key with its creation sequence.
type entry[K comparable] struct {
	seq int64
	key K
}

// ordered keeps keys in creation order for cursor paging. Keys enter at their seq's place, which
// for a new record is the end, so the slice stays sorted and a cursor (the last seq returned)
// finds its place by binary search: new records land after every cursor, which is why paging
// neither skips nor repeats.
type ordered[K comparable] []entry[K]

func (o *ordered[K]) remove(seq int64) {
	i := o.find(seq)
	if i < len(*o) && (*o)[i].seq == seq {
		*o = append((*o)[:i:i], (*o)[i+1:]...)
	}
}

// insert puts an entry at its seq's place: the end for a new record, its old place for one put
// back (rollback of a delete) or one that joins an index again.
func (o *ordered[K]) insert(seq int64, k K) {
	i := o.find(seq)
	*o = append(*o, entry[K]{})
	copy((*o)[i+1:], (*o)[i:])
	(*o)[i] = entry[K]{seq, k}
}

func (o ordered[K]) find(seq int64) int {
	return sort.Search(len(o), func(i int) bool { return o[i].seq >= seq })
}

// page returns up to limit keys after the cursor and the cursor of the next page.
func (o ordered[K]) page(opts jstore.ListOptions) ([]K, string, error) {
	i, end, next, err := window(len(o), func(i int) int64 { return o[i].seq }, opts)
	if err != nil {
		return nil, "", err
	}
	keys := make([]K, 0, end-i)
	for _, e := range o[i:end] {
		keys = append(keys, e.key)
	}
	return keys, next, nil
}

// window pages n items in increasing seq order: it returns the half-open range [i, end) of the
// page that follows opts.Cursor and the cursor of the page after it (empty on the last page).
func window(n int, seqAt func(int) int64, opts jstore.ListOptions) (i, end int, next string, err error) {
	limit, err := opts.EffectiveLimit()
	if err != nil {
		return 0, 0, "", err
	}
	after, err := opts.SeqCursor()
	if err != nil {
		return 0, 0, "", err
	}
	i = sort.Search(n, func(j int) bool { return seqAt(j) > after })
	end = min(i+limit, n)
	if end < n {
		next = strconv.FormatInt(seqAt(end-1), 10)
	}
	return i, end, next, nil
}

// row is a stored record with its creation sequence and owner.
type row[V any] struct {
	seq     int64
	account jstore.AccountID
	v       V
}

// table holds one kind of account-scoped record.
type table[K comparable, V any] struct {
	rows      map[K]row[V]
	byAccount map[jstore.AccountID]*ordered[K]
}

func newTable[K comparable, V any]() table[K, V] {
	return table[K, V]{rows: map[K]row[V]{}, byAccount: map[jstore.AccountID]*ordered[K]{}}
}

// get returns the record if it exists and belongs to account.
func (t table[K, V]) get(account jstore.AccountID, k K) (row[V], bool) {
	r, ok := t.rows[k]
	if !ok || r.account != account {
		return row[V]{}, false
	}
	return r, true
}

func (t table[K, V]) list(account jstore.AccountID) *ordered[K] {
	o := t.byAccount[account]
	if o == nil {
		o = &ordered[K]{}
		t.byAccount[account] = o
	}
	return o
}

// view returns the account's keys in creation order without creating an entry (safe under a
// read lock).
func (t table[K, V]) view(account jstore.AccountID) ordered[K] {
	if o := t.byAccount[account]; o != nil {
		return *o
	}
	return nil
}
