package csr

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"testing"
)

func BenchmarkIsqrt(b *testing.B) {
	k, _ := rsa.GenerateKey(rand.Reader, 2048)
	b.Run("isqrt", func(b *testing.B) {
		for b.Loop() {
			isqrt(k.N)
		}
	})
	b.Run("big.Sqrt", func(b *testing.B) {
		r := new(big.Int)
		for b.Loop() {
			r.Sqrt(k.N)
		}
	})
	b.Run("fermat", func(b *testing.B) {
		for b.Loop() {
			fermatFactor(k.N, 110)
		}
	})
	b.Run("smallFactor", func(b *testing.B) {
		for b.Loop() {
			smallFactor(smallResidues(k.N))
		}
	})
	b.Run("roca", func(b *testing.B) {
		for b.Loop() {
			rocaWeak(smallResidues(k.N))
		}
	})
}
