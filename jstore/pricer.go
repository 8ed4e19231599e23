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

// Pricing is the price of a set of items: one amount per item (excluding tax) and the totals.
type Pricing struct {
	Amounts  []int64
	Subtotal int64
	Tax      int64
	Total    int64
}

// Pricer prices an order for an account (the quote package applies contract prices).
type Pricer interface {
	Price(ctx context.Context, account Account, items []PriceItem) (Pricing, error)
}

// PriceList is a simple Pricer: a list price in yen per product code and term, plus a price per
// SAN slot per year for multi-domain products, and consumption tax at TaxPercent rounded down
// on the subtotal.
type PriceList struct {
	Prices     map[string]map[int]int64 // product code -> term years -> yen
	PerSANSlot map[string]int64         // product code -> yen per slot per year
	TaxPercent int64
}

// Price implements Pricer.
func (l PriceList) Price(_ context.Context, _ Account, items []PriceItem) (Pricing, error) {
	if l.TaxPercent < 0 || l.TaxPercent > 100 {
		return Pricing{}, fmt.Errorf("jstore: price list: tax %d%% out of range", l.TaxPercent)
	}
	p := Pricing{Amounts: make([]int64, len(items))}
	for i, it := range items {
		unit, ok := l.Prices[it.Product.Code][it.Term]
		if !ok || unit < 0 {
			return Pricing{}, fmt.Errorf("jstore: price list: no price for %s, %d years", it.Product.Code, it.Term)
		}
		slot := l.PerSANSlot[it.Product.Code]
		if slot < 0 {
			return Pricing{}, fmt.Errorf("jstore: price list: negative SAN slot price for %s", it.Product.Code)
		}
		amount, ok := addMul(unit, slot, int64(it.SANSlots)*int64(it.Term))
		if !ok {
			return Pricing{}, fmt.Errorf("jstore: price list: amount overflows for %s", it.Product.Code)
		}
		p.Amounts[i] = amount
		if p.Subtotal, ok = addMul(p.Subtotal, amount, 1); !ok {
			return Pricing{}, fmt.Errorf("jstore: price list: subtotal overflows")
		}
	}
	var ok bool
	if p.Tax, ok = percentFloor(p.Subtotal, l.TaxPercent); !ok {
		return Pricing{}, fmt.Errorf("jstore: price list: tax overflows")
	}
	if p.Total, ok = addMul(p.Subtotal, p.Tax, 1); !ok {
		return Pricing{}, fmt.Errorf("jstore: price list: total overflows")
	}
	return p, nil
}

// addMul returns a + b*n for non-negative operands, or false on overflow.
func addMul(a, b, n int64) (int64, bool) {
	if b != 0 && n > math.MaxInt64/b {
		return 0, false
	}
	if a > math.MaxInt64-b*n {
		return 0, false
	}
	return a + b*n, true
}

// percentFloor returns floor(v * pct / 100) for non-negative operands, or false on overflow.
func percentFloor(v, pct int64) (int64, bool) {
	if pct != 0 && v > math.MaxInt64/pct {
		return 0, false
	}
	return v * pct / 100, true
}

// check rejects a Pricing that does not add up, so a faulty Pricer cannot write a bad order.
func (p Pricing) check(items int) error {
	if len(p.Amounts) != items {
		return fmt.Errorf("jstore: pricer returned %d amounts for %d items", len(p.Amounts), items)
	}
	var sum int64
	for _, a := range p.Amounts {
		var ok bool
		if a < 0 {
			return fmt.Errorf("jstore: pricer returned a negative amount")
		}
		if sum, ok = addMul(sum, a, 1); !ok {
			return fmt.Errorf("jstore: pricer amounts overflow")
		}
	}
	if sum != p.Subtotal || p.Tax < 0 || p.Subtotal > math.MaxInt64-p.Tax || p.Total != p.Subtotal+p.Tax {
		return fmt.Errorf("jstore: pricer totals do not add up")
	}
	return nil
}
