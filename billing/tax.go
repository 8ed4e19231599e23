package billing

import (
	"maps"
	"math"
	"slices"
)

// Rounding is how the tax at one rate is rounded to the yen, once per document and rate.
type Rounding int

// Roundings. Down (切り捨て) is what most sellers print.
const (
	Down Rounding = iota
	Up
	HalfUp
)

// Totals sums the lines per tax rate and computes each rate's tax once, rounded as r says:
// the tax per rate a qualified invoice states. It returns the rates in ascending order and the
// total billed, or ErrAmount when a line is inconsistent or a sum would overflow.
func Totals(lines []Line, r Rounding) ([]RateTotal, int64, error) {
	nets := map[int]int64{}
	for _, l := range lines {
		if l.Quantity <= 0 || l.TaxPercent < 0 || l.TaxPercent > 100 {
			return nil, 0, amountError("line")
		}
		amount, ok := mul(l.UnitPrice, l.Quantity)
		if !ok || amount != l.Amount {
			return nil, 0, amountError("line")
		}
		net, ok := add(nets[l.TaxPercent], l.Amount)
		if !ok {
			return nil, 0, amountError("overflow")
		}
		nets[l.TaxPercent] = net
	}
	rates := map[int]RateTotal{}
	for rate, net := range nets {
		tax, ok := taxOn(net, rate, r)
		if !ok {
			return nil, 0, amountError("overflow")
		}
		rates[rate] = RateTotal{TaxPercent: rate, Net: net, Tax: tax}
	}
	return sum(rates)
}

// combine adds documents' totals rate by rate, as a receipt for an invoice and its credit
// notes does: the tax each document stated, never computed again.
func combine(docs ...[]RateTotal) ([]RateTotal, int64, error) {
	rates := map[int]RateTotal{}
	for _, doc := range docs {
		for _, r := range doc {
			s := rates[r.TaxPercent]
			net, ok1 := add(s.Net, r.Net)
			tax, ok2 := add(s.Tax, r.Tax)
			if !ok1 || !ok2 {
				return nil, 0, amountError("overflow")
			}
			rates[r.TaxPercent] = RateTotal{TaxPercent: r.TaxPercent, Net: net, Tax: tax}
		}
	}
	return sum(rates)
}

// sum lists the per-rate totals in ascending order of rate, with the total billed: every net
// and tax added.
func sum(rates map[int]RateTotal) ([]RateTotal, int64, error) {
	var out []RateTotal
	var total int64
	for _, rate := range slices.Sorted(maps.Keys(rates)) {
		r := rates[rate]
		out = append(out, r)
		var ok1, ok2 bool
		total, ok1 = add(total, r.Net)
		total, ok2 = add(total, r.Tax)
		if !ok1 || !ok2 {
			return nil, 0, amountError("overflow")
		}
	}
	return out, total, nil
}

// taxOn is net × rate / 100, rounded as r says, for a net of either sign (a credit note's).
func taxOn(net int64, rate int, r Rounding) (int64, bool) {
	p, ok := mul(net, int64(rate))
	if !ok {
		return 0, false
	}
	q, rem := p/100, p%100
	neg := p < 0
	if neg {
		q, rem = -q, -rem // round the magnitude, as a credit note returns what the invoice billed
	}
	switch {
	case r == Up && rem > 0, r == HalfUp && rem >= 50:
		q++
	}
	if neg {
		q = -q
	}
	return q, true
}

func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return p, true
}

func add(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
