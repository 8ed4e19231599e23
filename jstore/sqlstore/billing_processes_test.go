package sqlstore_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// TestBillingTwoProcesses: two processes (two store handles on one PostgreSQL database) issue
// invoices at once, some of whose PDFs fail: the numbers are unique and gap-free.
func TestBillingTwoProcesses(t *testing.T) {
	t.Parallel()
	dsn := testkit.PostgresSchema(t, postgresDSN(t))
	one, err := sqlstore.OpenPostgres(t.Context(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { one.Close() })
	two, err := sqlstore.OpenPostgres(t.Context(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { two.Close() })
	var mu sync.Mutex
	var seqs []int64
	var wg sync.WaitGroup
	for i := range 40 {
		st := one
		if i%2 == 1 {
			st = two
		}
		wg.Go(func() {
			d, err := st.IssueDocument(t.Context(), "T9234567890123", billing.Invoice, "", func(seq int64) (billing.Document, error) {
				if i%5 == 0 {
					return billing.Document{}, fmt.Errorf("drawing %d failed", i)
				}
				pdf := []byte(fmt.Sprintf("%%PDF invoice %d", seq))
				return billing.Document{Number: fmt.Sprintf("INV-%06d", seq), Account: "acc", Customer: "株式会社サンプル", IssuedAt: time.Now(), Total: 1100,
					PDF: pdf, SHA256: billing.Hash(pdf)}, nil
			})
			if i%5 == 0 {
				assert.Error(t, err)
				return
			}
			if assert.NoError(t, err) {
				mu.Lock()
				seqs = append(seqs, d.Seq)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(seqs)
	require.Len(t, seqs, 32)
	for i, s := range seqs {
		assert.Equal(t, int64(i+1), s, "gap-free and unique across processes")
	}
}
