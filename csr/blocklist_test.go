package csr_test

import (
	"crypto"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/internal/testkit"
)

func TestBlocklist(t *testing.T) {
	t.Parallel()
	key := testkit.Key(t)
	entry := csr.BlocklistEntry(&key.PublicKey)
	require.Len(t, entry, 20)
	list, err := csr.ReadBlocklist(strings.NewReader("# openssl-blacklist\n\n0123456789abcdef0123\n" + strings.ToUpper(entry) + "\n"))
	require.NoError(t, err)
	assert.Equal(t, 2, list.Len())
	assert.True(t, list.Contains(&key.PublicKey))
	assert.False(t, list.Contains(&key2048ECDSA(t).PublicKey), "only RSA keys are listed")

	text := cnCSR(t, "www.example.jp")
	_, err = csr.Check(text, csr.Policy{BlockedKey: list.Contains})
	assert.ErrorIs(t, err, csr.CodeKeyWeak)

	other, err := csr.ReadBlocklist(strings.NewReader("0123456789abcdef0123\n"))
	require.NoError(t, err)
	_, err = csr.Check(text, csr.Policy{BlockedKey: other.Contains})
	assert.NoError(t, err)
	var _ func(crypto.PublicKey) bool = other.Contains

	for _, bad := range []string{"xyz\n", "0123456789abcdef012\n", "0123456789abcdef0123 trailing\n"} {
		_, err := csr.ReadBlocklist(strings.NewReader("# header\n" + bad))
		assert.ErrorContains(t, err, "line 2", bad)
	}
}

// TestBlocklistEntryFormat pins the openssl-blacklist hash: the last 20 hex digits of SHA-1
// over "Modulus=<upper-case hex>\n"; the value is `printf 'Modulus=BB\n' | sha1sum`.
func TestBlocklistEntryFormat(t *testing.T) {
	t.Parallel()
	got := csr.BlocklistEntry(smallKey(0xbb))
	assert.Equal(t, "e88b37ebf3253a0f7f1c", got)
}
