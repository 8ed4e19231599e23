package bigmod

import (
	"math"
	"math/big"
)

// Isqrt returns floor(sqrt(n)) for n >= 0. Going down, each level keeps the top half of the
// bits (n_j = n >> 2S_j); coming back up, the root of the level below is within 2^s of the
// root of this one, so one Newton step brings the error under 1 and a squaring fixes the last
// unit: one division per level, where big.Int.Sqrt iterates from a power of two. The levels
// share their temporaries.
func Isqrt(n *big.Int) *big.Int {
	x, _ := IsqrtSquare(n)
	return x
}

// IsqrtSquare returns Isqrt(n) and its square, which the last correction step computes anyway.
func IsqrtSquare(n *big.Int) (x, square *big.Int) {
	var shifts []uint // s_j, outermost first; S_j is the sum of shifts[:j]
	for bl := n.BitLen(); bl > 52; bl -= 2 * (bl / 4) {
		shifts = append(shifts, uint(bl/4))
	}
	var total uint
	for _, s := range shifts {
		total += s
	}
	// Sized once for the top level, the temporaries never grow on the way up.
	words := len(n.Bits()) + 2
	withCap := func() *big.Int { return new(big.Int).SetBits(make([]big.Word, 0, words)) }
	nj, q, sq, one := withCap(), withCap(), withCap(), big.NewInt(1)
	x = withCap().SetUint64(isqrt64(nj.Rsh(n, 2*total).Uint64()))
	sq.Mul(x, x)
	for j := len(shifts) - 1; j >= 0; j-- {
		s := shifts[j]
		total -= s
		nj.Rsh(n, 2*total)
		x.Add(x, one).Lsh(x, s) // x >= sqrt(n_j), and x − sqrt(n_j) ≤ 2^s
		q.Quo(nj, x)
		x.Add(x, q).Rsh(x, 1)
		for sq.Mul(x, x).Cmp(nj) > 0 {
			x.Sub(x, one)
		}
	}
	return x, sq
}

func isqrt64(v uint64) uint64 {
	r := uint64(math.Sqrt(float64(v)))
	for r*r > v {
		r--
	}
	for (r+1)*(r+1) <= v {
		r++
	}
	return r
}
