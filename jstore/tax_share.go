package jstore

import "math/bits"

// taxShare is line i's share of the order's tax, as an invoice allocates one tax figure over its
// lines: in proportion to the lines' amounts, rounded down, with the yen left over going one
// each to the lines with the largest remainders (the earlier line first on a tie), so that the
// shares add up to the order's tax exactly. The tax is rounded once per order, as a qualified
// invoice must; a spreadsheet summing the shares gets the order's tax back.
func taxShare(lines []OrderLine, i int, tax int64) int64 {
	var subtotal uint64
	for _, l := range lines {
		subtotal += uint64(max(l.Amount, 0))
	}
	if subtotal == 0 || tax <= 0 || i < 0 || i >= len(lines) {
		return 0
	}
	share := func(a int64) (q, r uint64) {
		hi, lo := bits.Mul64(uint64(tax), uint64(max(a, 0)))
		return bits.Div64(hi, lo, subtotal) // hi < subtotal: a ≤ subtotal, so the share ≤ tax
	}
	var given uint64
	for _, l := range lines {
		q, _ := share(l.Amount)
		given += q
	}
	q, r := share(lines[i].Amount)
	ahead := uint64(0) // lines whose remainder comes before this one's
	for j, l := range lines {
		if _, rj := share(l.Amount); rj > r || rj == r && j < i {
			ahead++
		}
	}
	if ahead < uint64(tax)-given {
		q++
	}
	return int64(q)
}
