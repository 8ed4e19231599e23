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
// ([LoadFont], [FindFont]), and [WithFallbackFont] for characters it lacks. A character no font
// can draw is refused as a [*GlyphError] before anything is written, so a quote never prints an
// empty box; the text of the PDF stays searchable and copyable. Only the glyphs a document draws
// are embedded (tens of kilobytes a page), and the output is the same for the same quote.
package quote
