package bigmod

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIsqrtMatchesBigSqrt(t *testing.T) {
	t.Parallel()
	rng := mrand.New(mrand.NewPCG(7, 9))
	for range 2000 {
		bits := 1 + rng.IntN(4200)
		n := new(big.Int)
		for range (bits + 63) / 64 {
			n.Lsh(n, 64)
			n.Or(n, new(big.Int).SetUint64(rng.Uint64()))
		}
		n.Rsh(n, uint(max(n.BitLen()-bits, 0)))
		want := new(big.Int).Sqrt(n)
		require.Zero(t, want.Cmp(Isqrt(n)), "isqrt of a %d-bit number", bits)
		x, xx := IsqrtSquare(n)
		require.Zero(t, new(big.Int).Mul(x, x).Cmp(xx), "isqrtSquare returns the square")
		sq := new(big.Int).Mul(want, want) // perfect squares and their neighbours
		for _, d := range []int64{-1, 0, 1} {
			m := new(big.Int).Add(sq, big.NewInt(d))
			if m.Sign() >= 0 {
				require.Zero(t, new(big.Int).Sqrt(m).Cmp(Isqrt(m)))
			}
		}
	}
	for _, v := range []int64{0, 1, 2, 3, 4, 15, 16, 17} {
		assert.Zero(t, new(big.Int).Sqrt(big.NewInt(v)).Cmp(Isqrt(big.NewInt(v))), v)
	}
}

func BenchmarkIsqrt(b *testing.B) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(b, err)
	b.Run("isqrt", func(b *testing.B) {
		for b.Loop() {
			Isqrt(k.N)
		}
	})
	b.Run("big.Sqrt", func(b *testing.B) {
		r := new(big.Int)
		for b.Loop() {
			r.Sqrt(k.N)
		}
	})
}
