package jstore

import (
	"fmt"
	"slices"
)

// ProductKind is how many names a product secures.
type ProductKind string

// Product kinds.
const (
	ProductSingle      ProductKind = "single"
	ProductWildcard    ProductKind = "wildcard"
	ProductMultiDomain ProductKind = "multi_domain"
)

// ValidationLevel is what the CA vets before issuing.
type ValidationLevel string

// Validation levels.
const (
	LevelDV ValidationLevel = "DV"
	LevelOV ValidationLevel = "OV"
	LevelEV ValidationLevel = "EV"
)

// AllowedSANSlots are the SAN slot counts the upstream CA sells (slotSize FIVE … ONE_HUNDRED).
var allowedSANSlots = []int{5, 10, 15, 20, 30, 40, 50, 100}

// AllowedSANSlots returns the SAN slot counts a multi-domain product may offer.
func AllowedSANSlots() []int { return slices.Clone(allowedSANSlots) }

// Product is one certificate product of the catalogue.
type Product struct {
	Code         string
	NameJA       string
	NameEN       string
	Kind         ProductKind
	Level        ValidationLevel
	Terms        []int  // allowed subscription terms in years
	UpstreamType string // the CA's productType, e.g. "UCC_DV_SSL"
	SANSlots     []int  // multi-domain only: slot counts on sale
}

// Name returns the product name in lang ("ja" or English).
func (p Product) Name(lang string) string {
	if lang == "ja" {
		return p.NameJA
	}
	return p.NameEN
}

// AllowsTerm reports whether years is one of the product's terms.
func (p Product) AllowsTerm(years int) bool { return slices.Contains(p.Terms, years) }

// AllowsSlots reports whether n is one of the product's SAN slot counts.
func (p Product) AllowsSlots(n int) bool {
	return p.Kind == ProductMultiDomain && slices.Contains(p.SANSlots, n)
}

// Catalogue is an immutable set of products, looked up by code.
type Catalogue struct {
	products []Product
	byCode   map[string]int
}

// NewCatalogue validates products and returns a catalogue of them.
func NewCatalogue(products []Product) (*Catalogue, error) {
	if len(products) == 0 {
		return nil, fmt.Errorf("jstore: catalogue: no products")
	}
	c := &Catalogue{byCode: make(map[string]int, len(products))}
	for _, p := range products {
		if err := validateProduct(p); err != nil {
			return nil, err
		}
		if _, dup := c.byCode[p.Code]; dup {
			return nil, fmt.Errorf("jstore: catalogue: duplicate product code %q", p.Code)
		}
		p.Terms = slices.Clone(p.Terms)
		p.SANSlots = slices.Clone(p.SANSlots)
		c.byCode[p.Code] = len(c.products)
		c.products = append(c.products, p)
	}
	return c, nil
}

func validateProduct(p Product) error {
	fail := func(why string) error { return fmt.Errorf("jstore: catalogue: product %q: %s", p.Code, why) }
	switch {
	case p.Code == "" || len(p.Code) > 64:
		return fail("code must be 1 to 64 bytes")
	case p.NameJA == "" || p.NameEN == "":
		return fail("needs Japanese and English names")
	case p.UpstreamType == "":
		return fail("needs an upstream product type")
	case len(p.Terms) == 0:
		return fail("needs at least one term")
	}
	switch p.Kind {
	case ProductSingle, ProductWildcard, ProductMultiDomain:
	default:
		return fail(fmt.Sprintf("unknown kind %q", p.Kind))
	}
	switch p.Level {
	case LevelDV, LevelOV, LevelEV:
	default:
		return fail(fmt.Sprintf("unknown validation level %q", p.Level))
	}
	for _, t := range p.Terms {
		if t < 1 || t > 3 {
			return fail(fmt.Sprintf("term %d years is outside 1 to 3", t))
		}
	}
	if p.Kind != ProductMultiDomain && len(p.SANSlots) > 0 {
		return fail("only multi-domain products have SAN slots")
	}
	if p.Kind == ProductMultiDomain && len(p.SANSlots) == 0 {
		return fail("a multi-domain product needs SAN slot counts")
	}
	for _, n := range p.SANSlots {
		if !slices.Contains(allowedSANSlots, n) {
			return fail(fmt.Sprintf("SAN slot count %d is not one of %v", n, allowedSANSlots))
		}
	}
	return nil
}

// Lookup returns the product with code.
func (c *Catalogue) Lookup(code string) (Product, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Product{}, false
	}
	return c.products[i], true
}

// Products returns the products in catalogue order.
func (c *Catalogue) Products() []Product { return slices.Clone(c.products) }

// DefaultCatalogue mirrors the upstream CA's SSL product types (DV_SSL … UCC_EV_SSL). The code
// signing types OV_CS and OV_DS are left out: they are not server certificates.
func DefaultCatalogue() *Catalogue {
	terms := []int{1, 2, 3}
	c, err := NewCatalogue([]Product{
		{Code: "DV_SSL", NameJA: "ドメイン認証SSL", NameEN: "Domain Validated SSL", Kind: ProductSingle, Level: LevelDV, Terms: terms, UpstreamType: "DV_SSL"},
		{Code: "DV_WILDCARD_SSL", NameJA: "ドメイン認証ワイルドカードSSL", NameEN: "Domain Validated Wildcard SSL", Kind: ProductWildcard, Level: LevelDV, Terms: terms, UpstreamType: "DV_WILDCARD_SSL"},
		{Code: "OV_SSL", NameJA: "企業認証SSL", NameEN: "Organization Validated SSL", Kind: ProductSingle, Level: LevelOV, Terms: terms, UpstreamType: "OV_SSL"},
		{Code: "OV_WILDCARD_SSL", NameJA: "企業認証ワイルドカードSSL", NameEN: "Organization Validated Wildcard SSL", Kind: ProductWildcard, Level: LevelOV, Terms: terms, UpstreamType: "OV_WILDCARD_SSL"},
		{Code: "EV_SSL", NameJA: "EV SSL", NameEN: "Extended Validation SSL", Kind: ProductSingle, Level: LevelEV, Terms: terms, UpstreamType: "EV_SSL"},
		{Code: "UCC_DV_SSL", NameJA: "ドメイン認証マルチドメインSSL", NameEN: "Domain Validated Multi-Domain SSL", Kind: ProductMultiDomain, Level: LevelDV, Terms: terms, UpstreamType: "UCC_DV_SSL", SANSlots: allowedSANSlots},
		{Code: "UCC_OV_SSL", NameJA: "企業認証マルチドメインSSL", NameEN: "Organization Validated Multi-Domain SSL", Kind: ProductMultiDomain, Level: LevelOV, Terms: terms, UpstreamType: "UCC_OV_SSL", SANSlots: allowedSANSlots},
		{Code: "UCC_EV_SSL", NameJA: "EVマルチドメインSSL", NameEN: "Extended Validation Multi-Domain SSL", Kind: ProductMultiDomain, Level: LevelEV, Terms: terms, UpstreamType: "UCC_EV_SSL", SANSlots: allowedSANSlots},
	})
	if err != nil {
		// The literal above is fixed at compile time; a failure is a bug in this file.
		panic(err)
	}
	return c
}
