package memstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/jstore/storetest"
	"github.com/jstore-sdk/sdk/quote"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) jstore.Store { return memstore.New() })
}

func TestQuoteNumbers(t *testing.T) {
	s := memstore.New()
	var _ quote.Numberer = s
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int64]bool{}
	for range 20 {
		wg.Go(func() {
			n, err := s.Next(t.Context(), day)
			mu.Lock()
			defer mu.Unlock()
			assert.NoError(t, err)
			assert.False(t, seen[n], "number %d twice", n)
			seen[n] = true
		})
	}
	wg.Wait()
	assert.Len(t, seen, 20)
	n, err := s.Next(t.Context(), day.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.EqualValues(t, 1, n, "each day starts at 1")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = s.Next(ctx, day)
	assert.ErrorIs(t, err, context.Canceled)
}
