package quote

import (
	"fmt"

	"github.com/jstore-sdk/sdk/jstore"
)

// PriceBook is the list prices in integer yen.
type PriceBook struct {
	// List is the price of one certificate by product code and term in years.
	List map[string]map[int]int64
	// PerSlot is the price of one SAN slot per year, by multi-domain product code.
	PerSlot map[string]int64
}

// Contract is a customer's negotiated prices (仕切り). Unit replaces the list price of a product
// and term; RatePercent (1 to 100; 0 means 100) then scales the whole unit price, SAN slots
// included, rounding down to the yen.
type Contract struct {
	Unit        map[string]map[int]int64
	RatePercent int64
}

// unitPrice is the price of one certificate of p for term years with slots SAN slots.
func (b PriceBook) unitPrice(p jstore.Product, term, slots int, c *Contract) (int64, error) {
	base, ok := b.List[p.Code][term]
	if c != nil {
		if u, has := c.Unit[p.Code][term]; has {
			base, ok = u, true
		}
	}
	if !ok || base < 0 {
		return 0, fmt.Errorf("quote: no price for %s, %d years", p.Code, term)
	}
	unit := base
	if p.Kind == jstore.ProductMultiDomain {
		slot, has := b.PerSlot[p.Code]
		if !has || slot < 0 {
			return 0, fmt.Errorf("quote: no SAN slot price for %s", p.Code)
		}
		var err error
		if unit, err = mulAdd(unit, slot, int64(slots)*int64(term)); err != nil {
			return 0, err
		}
	}
	if c == nil || c.RatePercent == 0 || c.RatePercent == 100 {
		return unit, nil
	}
	if c.RatePercent < 0 || c.RatePercent > 100 {
		return 0, fmt.Errorf("quote: contract rate %d%% is outside 1 to 100", c.RatePercent)
	}
	return tax(unit, c.RatePercent, Floor) // the same arithmetic: unit × rate / 100, rounded down
}
