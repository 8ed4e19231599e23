package csr

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closeKey returns a modulus whose primes differ by about 2^gap.
func closeModulus(t *testing.T, gap uint) *big.Int {
	t.Helper()
	p, err := rand.Prime(rand.Reader, 1024)
	require.NoError(t, err)
	q := new(big.Int).Add(p, new(big.Int).Lsh(big.NewInt(1), gap))
	for !q.ProbablyPrime(20) {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Int).Mul(p, q)
}

func TestFermat(t *testing.T) {
	t.Parallel()
	n := closeModulus(t, 400)
	f := fermatFactor(n, 110)
	require.NotNil(t, f, "primes 2^400 apart fall in one round")
	assert.Zero(t, new(big.Int).Mod(n, f).Sign(), "the factor divides n")

	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	assert.Nil(t, fermatFactor(k.N, 110), "a random key is not factored")
	assert.Nil(t, fermatFactor(closeModulus(t, 600), 110), "primes 2^600 apart are beyond 110 rounds")
	sq := new(big.Int).Mul(big.NewInt(1_000_003), big.NewInt(1_000_003))
	assert.NotNil(t, fermatFactor(sq, 100), "a perfect square is found in round one")
}

func TestRSAKeyWeaknesses(t *testing.T) {
	t.Parallel()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	var withFactor *big.Int // 751 times a prime, 2048 bits
	for withFactor == nil || withFactor.BitLen() != 2048 {
		q, err := rand.Prime(rand.Reader, 2038)
		require.NoError(t, err)
		withFactor = new(big.Int).Mul(q, big.NewInt(751))
	}
	tests := []struct {
		name string
		key  *rsa.PublicKey
		want []Code
	}{
		{"sound", &k.PublicKey, nil},
		{"even exponent", &rsa.PublicKey{N: k.N, E: 65536}, []Code{CodeKeyWeak}},
		{"exponent 1", &rsa.PublicKey{N: k.N, E: 1}, []Code{CodeKeyWeak}},
		{"small factor 751", &rsa.PublicKey{N: withFactor, E: 65537}, []Code{CodeKeyWeak}},
	}
	for _, tc := range tests {
		var f findings
		p := Policy{}
		checkRSA(tc.key, &p, &f)
		var got []Code
		for _, pr := range f {
			got = append(got, pr.Code)
		}
		assert.Equal(t, tc.want, got, tc.name)
	}
	assert.Equal(t, uint64(751), smallFactor(smallResidues(withFactor)))
	assert.Zero(t, smallFactor(smallResidues(k.N)))
	assert.False(t, rocaWeak(smallResidues(k.N)), "a random key has no ROCA fingerprint")
}

func TestROCATables(t *testing.T) {
	t.Parallel()
	assert.Len(t, rocaTables, 38, "the primes 3 to 167")
	for _, tab := range rocaTables {
		assert.True(t, tab.member[1], "1 = 65537^0 is in every subgroup")
		assert.True(t, tab.member[65537%tab.p])
		assert.False(t, tab.member[0])
	}
}

func TestSmallPrimeCount(t *testing.T) {
	t.Parallel()
	assert.Len(t, smallPrimes, numSmallPrimes)
	assert.Equal(t, uint64(751), smallPrimes[numSmallPrimes-1])
}
