package csr

import (
	"crypto/rand"
	"crypto/rsa"
	"testing"
)

func BenchmarkWeakKeyChecks(b *testing.B) {
	k, _ := rsa.GenerateKey(rand.Reader, 2048)
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
