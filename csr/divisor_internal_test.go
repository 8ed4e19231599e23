package csr

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDivisorMatchesBig(t *testing.T) {
	rng := mrand.New(mrand.NewPCG(3, 4))
	moduli := []uint64{1, 2, 3, 7, 751, 1 << 32, (1 << 63) - 25, 1<<63 + 1, ^uint64(0), fermatModulus, fermatModulus2}
	for _, w := range primeWords {
		moduli = append(moduli, w.div.m)
	}
	for range 200 {
		moduli = append(moduli, rng.Uint64()>>rng.IntN(64)|1)
	}
	for _, m := range moduli {
		x := newDivisor(m)
		for range 20 {
			n := new(big.Int)
			for range rng.IntN(40) {
				n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(rng.Uint64()))
			}
			want := new(big.Int).Mod(n, new(big.Int).SetUint64(m)).Uint64()
			require.Equal(t, want, x.mod(n), "%d mod %d", n, m)
		}
	}
}

func TestMod4MatchesMod(t *testing.T) {
	rng := mrand.New(mrand.NewPCG(5, 6))
	for range 500 {
		var ds [4]divisor
		for j := range ds {
			ds[j] = newDivisor(rng.Uint64()>>rng.IntN(64) | 1)
		}
		n := new(big.Int)
		for range rng.IntN(40) {
			n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(rng.Uint64()))
		}
		got := mod4(n, &ds)
		for j := range ds {
			require.Equal(t, ds[j].mod(n), got[j])
		}
	}
}
