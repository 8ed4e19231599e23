package jstore

import (
	"context"
	"time"
)

// QuoteNumberer numbers quotes in a Store's transactions, so that every process sharing the
// Store draws from one sequence per day. It implements quote.Numberer.
type QuoteNumberer struct{ Store Store }

// Next returns the day's next quote number.
func (n QuoteNumberer) Next(ctx context.Context, day time.Time) (int64, error) {
	var next int64
	err := n.Store.Update(ctx, func(tx Tx) error {
		var err error
		next, err = tx.NextQuoteNumber(ctx, day.Format(time.DateOnly))
		return err
	})
	return next, err
}
