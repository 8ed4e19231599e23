package bigmod

import (
	"math/big"
	"math/bits"
)

// Divisor is a word-sized modulus prepared for division by multiplication (Möller and
// Granlund, "Improved division by invariant integers", 2011): taking n mod m then costs two
// multiplications per word instead of a hardware division, which dominates the weak-key checks.
type Divisor struct {
	m     uint64
	d     uint64 // m shifted so its top bit is set
	v     uint64 // floor((2^128−1)/d) − 2^64
	shift uint
}

func NewDivisor(m uint64) Divisor {
	s := uint(bits.LeadingZeros64(m))
	d := m << s
	v, _ := bits.Div64(^d, ^uint64(0), d)
	return Divisor{m: m, d: d, v: v, shift: s}
}

// rem2by1 returns (u1·2^64 + u0) mod d for u1 < d.
func (x Divisor) rem2by1(u1, u0 uint64) uint64 {
	q1, q0 := bits.Mul64(x.v, u1)
	q0, c := bits.Add64(q0, u0, 0)
	q1, _ = bits.Add64(q1, u1, c)
	q1++
	r := u0 - q1*x.d
	if r > q0 {
		r += x.d
	}
	if r >= x.d {
		r -= x.d
	}
	return r
}

// mod returns n mod m for n >= 0. It reduces n·2^shift modulo d, feeding the words shifted on
// the fly, and shifts the remainder back.
func (x Divisor) Mod(n *big.Int) uint64 {
	w := n.Bits()
	if len(w) == 0 {
		return 0
	}
	top := uint64(w[len(w)-1])
	r := top >> (64 - x.shift) // Go defines a shift by 64 as 0
	if r >= x.d {
		r -= x.d
	}
	for i := len(w) - 1; i >= 0; i-- {
		lo := uint64(w[i]) << x.shift
		if i > 0 {
			lo |= uint64(w[i-1]) >> (64 - x.shift)
		}
		r = x.rem2by1(r, lo)
	}
	return r >> x.shift
}

// Mod4 is mod for four divisors in one pass: the four reductions are independent, so the
// processor overlaps them instead of waiting on each multiplication in turn.
func Mod4(n *big.Int, x *[4]Divisor) (r [4]uint64) {
	w := n.Bits()
	if len(w) == 0 {
		return r
	}
	top := uint64(w[len(w)-1])
	for j := range x {
		r[j] = top >> (64 - x[j].shift)
		if r[j] >= x[j].d {
			r[j] -= x[j].d
		}
	}
	for i := len(w) - 1; i >= 0; i-- {
		cur, prev := uint64(w[i]), uint64(0)
		if i > 0 {
			prev = uint64(w[i-1])
		}
		for j := range x {
			r[j] = x[j].rem2by1(r[j], cur<<x[j].shift|prev>>(64-x[j].shift))
		}
	}
	for j := range x {
		r[j] >>= x[j].shift
	}
	return r
}
