package jstore

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func lines(amounts ...int64) []OrderLine {
	out := make([]OrderLine, len(amounts))
	for i, a := range amounts {
		out[i].Amount = a
	}
	return out
}

// TestTaxShare: the shares add up to the order's tax exactly, each is its proportional share
// rounded down or up by one yen, and the leftover yen go to the largest remainders, the earlier
// line first.
func TestTaxShare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		amounts []int64
		tax     int64
		want    []int64
	}{
		{"even", []int64{9800, 9800, 9800}, 2940, []int64{980, 980, 980}},
		{"a yen left over goes to the largest remainder", []int64{1001, 1002, 1003}, 300, []int64{100, 100, 100}},
		{"rounding left two yen", []int64{333, 333, 334}, 100, []int64{33, 33, 34}},
		{"ties: the earlier line first", []int64{1, 1, 1}, 2, []int64{1, 1, 0}},
		{"one line", []int64{18600}, 1860, []int64{1860}},
		{"no tax", []int64{100, 200}, 0, []int64{0, 0}},
		{"a free line", []int64{0, 10000}, 1000, []int64{0, 1000}},
		{"amounts near the limit", []int64{999_999_999_999, 1}, 99_999_999_999, []int64{99_999_999_999, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ls := lines(tc.amounts...)
			var got []int64
			for i := range ls {
				got = append(got, taxShare(ls, i, tc.tax))
			}
			assert.Equal(t, tc.want, got)
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 1 + rng.IntN(12)
		ls := make([]OrderLine, n)
		var subtotal int64
		for i := range ls {
			ls[i].Amount = rng.Int64N(2_000_000)
			subtotal += ls[i].Amount
		}
		tax := subtotal / 10
		var sum int64
		for i, l := range ls {
			s := taxShare(ls, i, tax)
			sum += s
			if subtotal > 0 {
				floor := tax * l.Amount / subtotal
				assert.True(t, s == floor || s == floor+1, "share %d of %d: proportional %d", s, l.Amount, floor)
			}
		}
		if subtotal > 0 {
			assert.Equal(t, tax, sum, "shares add up to the tax")
		}
	}
}
