// Package quote prices certificates and renders Japanese quotes (御見積書) as PDF.
//
// # Prices
//
// A [PriceBook] holds list prices in integer yen per product and term, and a price per SAN slot
// per year for multi-domain products. A [Contract] (相対での仕切り) overrides unit prices or
// applies a rate to the list. New and renewal are priced alike: nothing in a request can make
// them differ. Consumption tax is 10% by default, computed once per quote on the subtotal, and
// rounded down unless [Rounding] says otherwise; every sum is checked for overflow.
//
// # Quotes
//
// A [Quoter] turns a [Request] (product, term, SAN slots, quantity, any domain and recipient)
// into a numbered [Quote] valid for 30 days by default; [Quoter] also implements jstore.Pricer,
// so orders and quotes share one price.
//
// # PDF
//
// [Renderer] draws an A4 quote with github.com/phpdave11/gofpdf in a Japanese TrueType font
// ([LoadFont], [FindFont]). Each document embeds subsets of the font holding only the glyphs it
// draws, as simple TrueType fonts whose glyph names (uniXXXX) keep the text searchable; a
// document with more than 129 distinct non-ASCII characters gets several. Output is
// deterministic for a fixed quote.
package quote
