package billing_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/message"
)

func line(amount int64, rate int) billing.Line {
	return billing.Line{Description: "x", Quantity: 1, UnitPrice: amount, Amount: amount, TaxPercent: rate}
}

// TestTotals: the tax is computed once per rate on the rate's sum, rounded as asked — not per
// line — and a credit note's negative amounts round by their magnitude.
func TestTotals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		lines  []billing.Line
		r      billing.Rounding
		totals []billing.RateTotal
		total  int64
	}{
		// Per line, 1,999 × 10% would round to 199 three times (597); once per rate: 599.
		{"once per rate, down", []billing.Line{line(1999, 10), line(1999, 10), line(1999, 10)}, billing.Down, []billing.RateTotal{{10, 5997, 599}}, 6596},
		{"up", []billing.Line{line(1999, 10)}, billing.Up, []billing.RateTotal{{10, 1999, 200}}, 2199},
		{"half up at .5", []billing.Line{line(1995, 10)}, billing.HalfUp, []billing.RateTotal{{10, 1995, 200}}, 2195},
		{"half up below .5", []billing.Line{line(1994, 10)}, billing.HalfUp, []billing.RateTotal{{10, 1994, 199}}, 2193},
		{"two rates, ascending", []billing.Line{line(1000, 10), line(1000, 8)}, billing.Down, []billing.RateTotal{{8, 1000, 80}, {10, 1000, 100}}, 2180},
		{"a credit note", []billing.Line{line(-1999, 10)}, billing.Down, []billing.RateTotal{{10, -1999, -199}}, -2198},
		{"quantity", []billing.Line{{Description: "x", Quantity: 3, UnitPrice: 9800, Amount: 29400, TaxPercent: 10}}, billing.Down, []billing.RateTotal{{10, 29400, 2940}}, 32340},
	} {
		totals, total, err := billing.Totals(tc.lines, tc.r)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.totals, totals, tc.name)
		assert.Equal(t, tc.total, total, tc.name)
	}
}

// TestTotalsRefuses: an amount that is not unit price × quantity, a quantity of none, and sums
// that would overflow are typed errors with both texts, never a wrapped-around figure.
func TestTotalsRefuses(t *testing.T) {
	t.Parallel()
	for name, lines := range map[string][]billing.Line{
		"amount":      {{Description: "x", Quantity: 2, UnitPrice: 100, Amount: 100, TaxPercent: 10}},
		"no quantity": {{Description: "x", Quantity: 0, UnitPrice: 100, Amount: 0, TaxPercent: 10}},
		"product":     {{Description: "x", Quantity: 3, UnitPrice: math.MaxInt64 / 2, Amount: 0, TaxPercent: 10}},
		"sum":         {line(math.MaxInt64-1, 0), line(2, 0)},
		"tax":         {line(math.MaxInt64/10, 10), line(math.MaxInt64/10, 10)},
		"rate":        {line(100, 101)},
	} {
		_, _, err := billing.Totals(lines, billing.Down)
		require.ErrorIs(t, err, billing.ErrInvalid, name)
		var be *billing.Error
		require.ErrorAs(t, err, &be, name)
		assert.NotEmpty(t, be.Message(message.Japanese), name)
		assert.Empty(t, message.EnglishWord(be.Message(message.Japanese)), name)
	}
}

// TestVerify: a stored document's PDF is checked against its hash.
func TestVerify(t *testing.T) {
	t.Parallel()
	d := billing.Document{PDF: []byte("%PDF-1.4 x")}
	d.SHA256 = billing.Hash(d.PDF)
	assert.NoError(t, d.Verify())
	d.PDF[5] = '5'
	assert.ErrorIs(t, d.Verify(), billing.ErrTampered)
}
