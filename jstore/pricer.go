package jstore

import (
	"context"
	"fmt"
	"math"
)

// PriceItem is one application to price.
type PriceItem struct {
	Application ApplicationID
	Product     Product
	Term        int
	SANSlots    int
	// Kind is passed for completeness; a Pricer must price new and renewal alike (manual 2(ア)③).
	Kind ApplicationKind
}

// Pricing is the price of a set of items: one amount per item (excluding tax), the totals, and
// the consumption tax rate the tax is at.
type Pricing struct {
	Amounts    []int64
	Subtotal   int64
	Tax        int64
	Total      int64
	TaxPercent int
}

// Pricer prices an order for an account. quote.Quoter is the one to use: it applies the
// account's contract and prices orders exactly as it quotes.
type Pricer interface {
	Price(ctx context.Context, account Account, items []PriceItem) (Pricing, error)
}

// check rejects a Pricing that does not add up, so a faulty Pricer cannot write a bad order.
func (p Pricing) check(items int) error {
	if len(p.Amounts) != items {
		return fmt.Errorf("jstore: pricer returned %d amounts for %d items", len(p.Amounts), items)
	}
	var sum int64
	for _, a := range p.Amounts {
		if a < 0 || sum > math.MaxInt64-a {
			return fmt.Errorf("jstore: pricer returned a negative or overflowing amount")
		}
		sum += a
	}
	if sum != p.Subtotal || p.Tax < 0 || p.Subtotal > math.MaxInt64-p.Tax || p.Total != p.Subtotal+p.Tax {
		return fmt.Errorf("jstore: pricer totals do not add up")
	}
	return nil
}
