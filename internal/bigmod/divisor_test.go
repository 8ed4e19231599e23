package bigmod

import (
	"math/big"
	"math/bits"
	mrand "math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDivisorMatchesBig(t *testing.T) {
	t.Parallel()
	rng := mrand.New(mrand.NewPCG(3, 4))
	// csr divides by the moduli of its Fermat sieve and by products of small primes.
	moduli := []uint64{1, 2, 3, 7, 751, 1 << 32, (1 << 63) - 25, 1<<63 + 1, ^uint64(0), 64 * 63 * 65 * 11, 17 * 19 * 23 * 29 * 31 * 37 * 41 * 43}
	product := uint64(1)
	for p := uint64(3); p < 2000; p += 2 {
		if big.NewInt(int64(p)).ProbablyPrime(0) {
			if hi, _ := bits.Mul64(product, p); hi != 0 {
				moduli = append(moduli, product)
				product = 1
			}
			product *= p
		}
	}
	for range 200 {
		moduli = append(moduli, rng.Uint64()>>rng.IntN(64)|1)
	}
	for _, m := range moduli {
		x := NewDivisor(m)
		for range 20 {
			n := new(big.Int)
			for range rng.IntN(40) {
				n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(rng.Uint64()))
			}
			want := new(big.Int).Mod(n, new(big.Int).SetUint64(m)).Uint64()
			require.Equal(t, want, x.Mod(n), "%d mod %d", n, m)
		}
	}
}

func TestMod4MatchesMod(t *testing.T) {
	t.Parallel()
	rng := mrand.New(mrand.NewPCG(5, 6))
	for range 500 {
		var ds [4]Divisor
		for j := range ds {
			ds[j] = NewDivisor(rng.Uint64()>>rng.IntN(64) | 1)
		}
		n := new(big.Int)
		for range rng.IntN(40) {
			n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(rng.Uint64()))
		}
		got := Mod4(n, &ds)
		for j := range ds {
			require.Equal(t, ds[j].Mod(n), got[j])
		}
	}
}
