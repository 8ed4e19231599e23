package quote

import (
	"errors"
	"math"
)

// Rounding is how a fractional yen of tax is rounded.
type Rounding uint8

// Roundings. Floor is the default, as the qualified-invoice system's usual choice.
const (
	Floor Rounding = iota
	HalfUp
	Ceil
)

var errOverflow = errors.New("quote: amount out of range")

// tax returns amount × percent / 100 rounded by r, for non-negative operands.
func tax(amount, percent int64, r Rounding) (int64, error) {
	if amount < 0 || percent < 0 || (percent != 0 && amount > math.MaxInt64/percent) {
		return 0, errOverflow
	}
	p := amount * percent
	q, rem := p/100, p%100
	switch {
	case r == HalfUp && rem >= 50, r == Ceil && rem > 0:
		q++
	}
	return q, nil
}

// mulAdd returns a + b×n for non-negative operands, or errOverflow.
func mulAdd(a, b, n int64) (int64, error) {
	if a < 0 || b < 0 || n < 0 || (n != 0 && b > math.MaxInt64/n) || a > math.MaxInt64-b*n {
		return 0, errOverflow
	}
	return a + b*n, nil
}
