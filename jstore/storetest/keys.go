package storetest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/keystore"
)

// testSealedKeys checks keystore.Store: a key is kept by account and id, replaced by a second
// put, found in no other account, copied rather than shared, and listed across accounts in
// (account, id) order a page at a time.
func testSealedKeys(t *testing.T, s jstore.Store) {
	st := s.(keystore.Store)
	ctx := t.Context()
	a, b := jstore.AccountID(id("acc-a")), jstore.AccountID(id("acc-b"))
	require.NoError(t, st.PutSealedKey(ctx, a, "k1", []byte{1, 2, 3}))
	got, err := st.GetSealedKey(ctx, a, "k1")
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 3}, got)
	got[0] = 9
	again, err := st.GetSealedKey(ctx, a, "k1")
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 3}, again, "a copy, not the stored bytes")

	require.NoError(t, st.PutSealedKey(ctx, a, "k1", []byte{4, 5}))
	got, err = st.GetSealedKey(ctx, a, "k1")
	require.NoError(t, err)
	assert.Equal(t, []byte{4, 5}, got, "replaced")
	_, err = st.GetSealedKey(ctx, b, "k1")
	assert.ErrorIs(t, err, jstore.ErrNotFound, "another account's key is not found")
	_, err = st.GetSealedKey(ctx, a, "k2")
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	assert.Error(t, st.PutSealedKey(ctx, "", "k", []byte{1}), "no account")
	assert.Error(t, st.PutSealedKey(ctx, a, "", []byte{1}), "no id")

	for i := range 5 {
		require.NoError(t, st.PutSealedKey(ctx, b, fmt.Sprintf("k%d", i), []byte{byte(i)}))
	}
	var listed []string
	var afterAccount jstore.AccountID
	var afterID string
	for {
		page, err := st.ListSealedKeys(ctx, afterAccount, afterID, 2)
		require.NoError(t, err)
		for _, k := range page {
			if k.Account == a || k.Account == b { // other checks' keys may share the store
				listed = append(listed, string(k.Account)+"/"+k.ID)
			}
		}
		if len(page) < 2 {
			break
		}
		afterAccount, afterID = page[len(page)-1].Account, page[len(page)-1].ID
	}
	assert.Equal(t, []string{string(a) + "/k1", string(b) + "/k0", string(b) + "/k1", string(b) + "/k2", string(b) + "/k3", string(b) + "/k4"}, listed)
}
