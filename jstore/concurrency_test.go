package jstore_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// TestConcurrentOrderingOrdersOnce races panels ordering the same cart item.
func TestConcurrentOrderingOrdersOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	app, err := f.svc.StartNew(t.Context(), acct, dv1)
	require.NoError(t, err)
	app = f.registered(t, acct, app, "www.example.jp")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		ordered int
	)
	for range 16 {
		wg.Go(func() {
			_, err := f.svc.CompleteOrder(t.Context(), acct, []jstore.ApplicationID{app.ID})
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				ordered++
			} else {
				assert.ErrorIs(t, err, jstore.ErrState)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, ordered)
	orders, err := f.svc.ListOrders(t.Context(), acct, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, orders.Items, 1)
}

// TestConcurrentStepsConflict shows the optimistic version guarding edits from two panels.
func TestConcurrentStepsConflict(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	app, err := f.svc.StartNew(t.Context(), acct, dv1)
	require.NoError(t, err)
	csr := testkit.CSR(t, nil, "www.example.jp")
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: csr})
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		assert.ErrorIs(t, err, jstore.ErrConflict)
	}
	assert.GreaterOrEqual(t, ok, 1)
	got, err := f.svc.GetApplication(t.Context(), acct, app.ID)
	require.NoError(t, err)
	assert.EqualValues(t, 1+ok, got.Version, "every accepted write is counted, none lost")
}
