package keystore

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ring(t testing.TB, current KeyID, ids ...KeyID) *Sealer {
	t.Helper()
	keys := map[KeyID][]byte{}
	for i, id := range ids {
		keys[id] = bytes.Repeat([]byte{byte(i + 1)}, 32)
	}
	s, err := NewSealer(current, keys)
	require.NoError(t, err)
	return s
}

// TestSeal: a sealed key opens with its binding under any ring that holds its key ID, and not
// when changed, moved to another record, or sealed under an ID the ring lacks.
func TestSeal(t *testing.T) {
	t.Parallel()
	s := ring(t, "2026-12", "2026-12")
	plain := []byte("the key's DER")
	sealed, err := s.seal(plain, []byte("acct\x00id"))
	require.NoError(t, err)
	assert.NotContains(t, string(sealed), string(plain))

	got, by, err := s.open(sealed, []byte("acct\x00id"))
	require.NoError(t, err)
	assert.Equal(t, plain, got)
	assert.Equal(t, KeyID("2026-12"), by)

	again, err := s.seal(plain, []byte("acct\x00id"))
	require.NoError(t, err)
	assert.NotEqual(t, sealed, again, "a fresh nonce each time")

	tests := []struct {
		name   string
		sealed []byte
		aad    string
		want   error
	}{
		{"another record", sealed, "other\x00id", ErrTampered},
		{"a flipped byte", flip(sealed, len(sealed)-1), "acct\x00id", ErrTampered},
		{"a changed key ID", flip(sealed, 6), "acct\x00id", ErrUnknownKeyID},
		{"cut short", sealed[:20], "acct\x00id", ErrMalformed},
		{"not ours", []byte("-----BEGIN PRIVATE KEY-----"), "acct\x00id", ErrMalformed},
		{"empty", nil, "acct\x00id", ErrMalformed},
	}
	for _, tc := range tests {
		_, _, err := s.open(tc.sealed, []byte(tc.aad))
		assert.ErrorIs(t, err, tc.want, tc.name)
	}

	// Rotation: the new ring opens the old key's seal while it keeps the old key.
	rotated := ring(t, "2027-06", "2026-12", "2027-06")
	got, by, err = rotated.open(sealed, []byte("acct\x00id"))
	require.NoError(t, err)
	assert.Equal(t, plain, got)
	assert.Equal(t, KeyID("2026-12"), by)
	_, _, err = ring(t, "2027-06", "2027-06").open(sealed, []byte("acct\x00id"))
	assert.ErrorIs(t, err, ErrUnknownKeyID, "the old key dropped from the ring")
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

// TestNewSealer: the ring is checked at configuration.
func TestNewSealer(t *testing.T) {
	t.Parallel()
	good := bytes.Repeat([]byte{7}, 32)
	tests := []struct {
		name    string
		current KeyID
		keys    map[KeyID][]byte
	}{
		{"current not in the ring", "b", map[KeyID][]byte{"a": good}},
		{"a short key", "a", map[KeyID][]byte{"a": good[:16]}},
		{"an empty ID", "", map[KeyID][]byte{"": good}},
		{"an ID with a space", "a b", map[KeyID][]byte{"a b": good}},
		{"no keys", "a", nil},
	}
	for _, tc := range tests {
		_, err := NewSealer(tc.current, tc.keys)
		assert.Error(t, err, tc.name)
	}
}

// FuzzOpen: no input makes open panic, and only what seal made opens.
func FuzzOpen(f *testing.F) {
	s := ring(f, "k1", "k1", "k2")
	sealed, err := s.seal([]byte("key"), []byte("aad"))
	require.NoError(f, err)
	f.Add(sealed)
	f.Add([]byte("JKS1"))
	f.Add([]byte("JKS1\x02k1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		plain, _, err := s.open(b, []byte("aad"))
		if err == nil && !bytes.Equal(plain, []byte("key")) {
			t.Fatalf("opened a forgery: %q", plain)
		}
	})
}
