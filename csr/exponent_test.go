package csr_test

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// rsaKeyWithExponent builds a 2048-bit key with public exponent e, which crypto/rsa will not
// generate itself.
func rsaKeyWithExponent(t *testing.T, e int) *rsa.PrivateKey {
	t.Helper()
	E := big.NewInt(int64(e))
	one := big.NewInt(1)
	for {
		p, err := rand.Prime(rand.Reader, 1024)
		require.NoError(t, err)
		q, err := rand.Prime(rand.Reader, 1024)
		require.NoError(t, err)
		n := new(big.Int).Mul(p, q)
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(E, phi)
		if d == nil || n.BitLen() != 2048 {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: e}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		require.NoError(t, k.Validate())
		return k
	}
}
