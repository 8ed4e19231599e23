package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testQuoteNumbers: concurrent draws for one day are 1…n with no gap and no repeat; each day
// starts at 1; a rolled-back transaction gives its number back; a cancelled context draws none.
func testQuoteNumbers(t *testing.T, s jstore.Store) {
	n := jstore.QuoteNumberer{Store: s}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	const draws = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int64]bool{}
	for range draws {
		wg.Go(func() {
			got, err := n.Next(t.Context(), day)
			mu.Lock()
			defer mu.Unlock()
			assert.NoError(t, err)
			assert.False(t, seen[got], "number %d twice", got)
			seen[got] = true
		})
	}
	wg.Wait()
	for i := int64(1); i <= draws; i++ {
		assert.True(t, seen[i], "number %d missing: numbers have no gap", i)
	}
	first, err := n.Next(t.Context(), day.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.EqualValues(t, 1, first, "each day starts at 1")

	err = s.Update(t.Context(), func(tx jstore.Tx) error {
		got, err := tx.NextQuoteNumber(t.Context(), day.Format(time.DateOnly))
		require.NoError(t, err)
		assert.EqualValues(t, draws+1, got)
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	again, err := n.Next(t.Context(), day)
	require.NoError(t, err)
	assert.EqualValues(t, draws+1, again, "a rolled-back number is given back")

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = n.Next(ctx, day)
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}
