package sqlstore

import "context"

// NextQuoteNumber implements jstore.QuoteNumbers with one row per day, in the transaction.
func (t *tx) NextQuoteNumber(ctx context.Context, day string) (int64, error) {
	if err := t.check(ctx, true); err != nil {
		return 0, err
	}
	if day == "" {
		return 0, missingKey("quote number")
	}
	var n int64
	err := t.scanRow(ctx, `INSERT INTO quote_numbers (day, last) VALUES (?, 1)
		ON CONFLICT (day) DO UPDATE SET last = quote_numbers.last + 1 RETURNING last`, []any{day}, &n)
	return n, err
}
