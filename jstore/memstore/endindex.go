package memstore

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// endIndex keeps certificates sorted by an instant (a subscription end, a reissue due), so that
// counting those in a range is two binary searches and a write is cheap at a million entries.
// The entries sit in blocks of at most blockCap, each a sorted []int64 of keys (8 bytes each, so
// searches stay in cache) with the IDs parallel; lasts holds each block's last key for the
// search of blocks, and a Fenwick tree over the block sizes gives the count before a block in
// O(log blocks). A write touches one block (at most blockCap moves) and log(blocks) counts; a
// block that fills is split and an empty one dropped, rebuilding the block arrays, once per
// blockCap/2 writes at most.
type endIndex[ID cmp.Ordered] struct {
	blocks []*block[ID]
	lasts  []int64 // each block's last key
	fen    []int   // Fenwick tree over len(blocks[i].keys), 1-based
}

type block[ID cmp.Ordered] struct {
	keys []int64
	ids  []ID
}

const blockCap = 512

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

// blockFor returns the first block whose last key is at least k (the last block when none is).
func (x *endIndex[ID]) blockFor(k int64) int {
	i, _ := slices.BinarySearch(x.lasts, k)
	return min(i, len(x.blocks)-1)
}

func (x *endIndex[ID]) add(end time.Time, id ID) {
	k := key(end)
	if len(x.blocks) == 0 {
		x.blocks = []*block[ID]{{}}
		x.rebuild()
	}
	bi := x.blockFor(k)
	b := x.blocks[bi]
	i := b.position(k, id)
	b.keys = slices.Insert(b.keys, i, k)
	b.ids = slices.Insert(b.ids, i, id)
	x.lasts[bi] = b.keys[len(b.keys)-1]
	if len(b.keys) > blockCap {
		half := len(b.keys) / 2
		next := &block[ID]{keys: slices.Clone(b.keys[half:]), ids: slices.Clone(b.ids[half:])}
		b.keys, b.ids = b.keys[:half:half], b.ids[:half:half]
		x.blocks = slices.Insert(x.blocks, bi+1, next)
		x.rebuild()
		return
	}
	x.fenAdd(bi, 1)
}

func (x *endIndex[ID]) remove(end time.Time, id ID) {
	k := key(end)
	if len(x.blocks) == 0 {
		return
	}
	for bi := x.blockFor(k); bi < len(x.blocks); bi++ {
		b := x.blocks[bi]
		if len(b.keys) > 0 && b.keys[0] > k {
			return
		}
		if i := b.position(k, id); i < len(b.keys) && b.keys[i] == k && b.ids[i] == id {
			b.keys = slices.Delete(b.keys, i, i+1)
			b.ids = slices.Delete(b.ids, i, i+1)
			if len(b.keys) == 0 && len(x.blocks) > 1 {
				x.blocks = slices.Delete(x.blocks, bi, bi+1)
				x.rebuild()
				return
			}
			x.lasts[bi] = math.MinInt64 // an empty lone block
			if len(b.keys) > 0 {
				x.lasts[bi] = b.keys[len(b.keys)-1]
			}
			x.fenAdd(bi, -1)
			return
		}
	}
}

// position is where (k, id) stands or would stand in the block: entries are ordered by key,
// then ID, so that an entry among many with one key is found by binary search too.
func (b *block[ID]) position(k int64, id ID) int {
	lo, _ := slices.BinarySearch(b.keys, k)
	hi := lo
	for hi < len(b.keys) && b.keys[hi] == k {
		hi++
	}
	j, _ := slices.BinarySearch(b.ids[lo:hi], id)
	return lo + j
}

// rank returns how many keys are below k.
func (x *endIndex[ID]) rank(k int64) int {
	if len(x.blocks) == 0 {
		return 0
	}
	bi := x.blockFor(k)
	i, _ := slices.BinarySearch(x.blocks[bi].keys, k)
	return x.fenPrefix(bi) + i
}

// count returns how many keys lie in [from, to).
func (x *endIndex[ID]) count(from, to time.Time) int {
	return x.rank(key(to)) - x.rank(key(from))
}

// first returns up to n IDs, smallest key first, whose key is at most upTo.
func (x *endIndex[ID]) first(n int, upTo time.Time) []ID {
	k := key(upTo)
	var out []ID
	for _, b := range x.blocks {
		for i, bk := range b.keys {
			if bk > k || len(out) == n {
				return out
			}
			out = append(out, b.ids[i])
		}
	}
	return out
}

// after returns up to n IDs, in order, that come after the entry (k, id) and whose key is at
// most upTo.
func (x *endIndex[ID]) after(k int64, id ID, upTo time.Time, n int) []ID {
	limit := key(upTo)
	var out []ID
	if len(x.blocks) == 0 {
		return out
	}
	for bi := x.blockFor(k); bi < len(x.blocks); bi++ {
		b := x.blocks[bi]
		i := 0
		if bi == x.blockFor(k) {
			if i = b.position(k, id); i < len(b.keys) && b.keys[i] == k && b.ids[i] == id {
				i++
			}
		}
		for ; i < len(b.keys); i++ {
			if b.keys[i] > limit || len(out) == n {
				return out
			}
			out = append(out, b.ids[i])
		}
	}
	return out
}

// rebuild recomputes the block bounds and the Fenwick tree after blocks were split or dropped.
func (x *endIndex[ID]) rebuild() {
	x.lasts = x.lasts[:0]
	x.fen = make([]int, len(x.blocks)+1)
	for i, b := range x.blocks {
		last := int64(math.MinInt64)
		if len(b.keys) > 0 {
			last = b.keys[len(b.keys)-1]
		}
		x.lasts = append(x.lasts, last)
		x.fenAdd(i, len(b.keys))
	}
}

func (x *endIndex[ID]) fenAdd(bi, d int) {
	for i := bi + 1; i < len(x.fen); i += i & -i {
		x.fen[i] += d
	}
}

// fenPrefix is the number of keys in the blocks before bi.
func (x *endIndex[ID]) fenPrefix(bi int) int {
	n := 0
	for i := bi; i > 0; i -= i & -i {
		n += x.fen[i]
	}
	return n
}
