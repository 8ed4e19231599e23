package memstore

import "context"

// NextQuoteNumber implements jstore.QuoteNumbers: 1, 2, 3… per day, given back on rollback.
func (t *tx) NextQuoteNumber(ctx context.Context, day string) (int64, error) {
	if err := t.check(ctx, true); err != nil {
		return 0, err
	}
	if day == "" {
		return 0, missingKey("quote number")
	}
	n := t.s.quoteNumbers[day] + 1
	t.s.quoteNumbers[day] = n
	t.undo = append(t.undo, func() { t.s.quoteNumbers[day] = n - 1 })
	return n, nil
}
