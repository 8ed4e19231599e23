package quote

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// Config configures a Quoter. Catalogue, Book and Numberer are required.
type Config struct {
	Catalogue *jstore.Catalogue
	Book      PriceBook
	Numberer  Numberer
	// Contract returns the contract named by an account's ContractRef, or nil for list prices.
	Contract func(ctx context.Context, ref string) (*Contract, error)
	// Now is the clock; the default is time.Now.
	Now func() time.Time
	// Location is the zone of the issue and validity dates; the default is Asia/Tokyo.
	Location *time.Location
	// ValidDays is how many calendar days a quote stays valid; zero means 30.
	ValidDays int
	// TaxPercent is the consumption tax; zero means 10. Use NoTax for 0%.
	TaxPercent int64
	// NoTax quotes without consumption tax.
	NoTax bool
	// Rounding of the tax; the zero value rounds down.
	Rounding Rounding
}

// Quoter prices requests and numbers quotes. It is safe for concurrent use.
type Quoter struct {
	cfg Config
}

// New validates cfg and returns a Quoter.
func New(cfg Config) (*Quoter, error) {
	switch {
	case cfg.Catalogue == nil:
		return nil, errors.New("quote: New: nil catalogue")
	case cfg.Numberer == nil:
		return nil, errors.New("quote: New: nil numberer")
	case cfg.ValidDays < 0 || cfg.ValidDays > 366:
		return nil, fmt.Errorf("quote: New: ValidDays %d is outside 0 to 366", cfg.ValidDays)
	case cfg.TaxPercent < 0 || cfg.TaxPercent > 100:
		return nil, fmt.Errorf("quote: New: TaxPercent %d is outside 0 to 100", cfg.TaxPercent)
	case cfg.Rounding > Ceil:
		return nil, fmt.Errorf("quote: New: unknown rounding %d", cfg.Rounding)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		tokyo, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			return nil, fmt.Errorf("quote: New: %w", err)
		}
		cfg.Location = tokyo
	}
	if cfg.ValidDays == 0 {
		cfg.ValidDays = 30
	}
	switch {
	case cfg.NoTax:
		cfg.TaxPercent = 0
	case cfg.TaxPercent == 0:
		cfg.TaxPercent = 10
	}
	return &Quoter{cfg: cfg}, nil
}

// LineRequest is one product to quote.
type LineRequest struct {
	ProductCode string
	Term        int // years
	SANSlots    int // multi-domain products only
	Quantity    int
	Domain      string // the line's own domain, shown under its product (optional)
}

// Request asks for a quote. Domain and Recipient are free (任意); ContractRef selects the
// customer's contract prices.
type Request struct {
	Lines       []LineRequest
	Domain      string
	Recipient   string
	Honorific   Honorific // after Recipient on a Japanese quote; default 御中
	ContractRef string
}

// Line is one priced line of a quote.
type Line struct {
	Product  jstore.Product
	Domain   string
	Term     int
	SANSlots int
	Quantity int
	Unit     int64 // yen, excluding tax
	Amount   int64 // Unit × Quantity
}

// Quote is a priced, numbered quote.
type Quote struct {
	Number     string
	Issued     time.Time // the issue day, 00:00 in the Quoter's zone
	ValidUntil time.Time // the last valid day, 00:00 in the Quoter's zone
	Recipient  string
	Honorific  Honorific
	Domain     string
	Lines      []Line
	Subtotal   int64
	TaxPercent int64
	Tax        int64
	Total      int64
}

// Input limits.
const (
	maxTextChars = 200
	maxLines     = 500
	maxQuantity  = 1000
	// MaxTotal is the largest total a quote may have: below a trillion yen, every amount
	// prints at a readable size in its cell (TestRenderLargestTotal).
	MaxTotal = 999_999_999_999
)

// Option adds a check Quote makes before it takes a number.
type Option func(Quote) error

// DrawableBy makes Quote check, before it takes a number, that r can draw the quote in lang
// (a *GlyphError otherwise): a quote the renderer would refuse takes no number, so the series
// has no gap.
func DrawableBy(r *Renderer, lang Lang) Option {
	return func(q Quote) error { return r.Check(q, lang) }
}

// Quote prices req and assigns it a number. Every problem of the request is reported at once
// as a *jstore.ValidationError before a number is taken, and so is what an option refuses
// (DrawableBy: a character the font lacks): a number is taken only for a quote that will be
// issued.
func (q *Quoter) Quote(ctx context.Context, req Request, opts ...Option) (Quote, error) {
	contract, err := q.contract(ctx, req.ContractRef)
	if err != nil {
		return Quote{}, err
	}
	out := Quote{Recipient: strings.TrimSpace(req.Recipient), Domain: strings.TrimSpace(req.Domain), TaxPercent: q.cfg.TaxPercent, Honorific: req.Honorific}
	var ps []jstore.Problem
	ps = checkText(ps, "recipient", message.Phrase(fieldNames["recipient"]), out.Recipient)
	ps = checkText(ps, "domain", message.Phrase(fieldNames["domain"]), out.Domain)
	if !req.Honorific.valid() {
		ps = append(ps, problem("honorific_invalid", "honorific"))
	}
	switch {
	case len(req.Lines) == 0:
		ps = append(ps, problem("lines_empty", "lines"))
	case len(req.Lines) > maxLines:
		// The lines are not read past the limit: 100,000 of them would each add a problem.
		ps = append(ps, problem("lines_too_many", "lines", message.With("max", count(maxLines, message.Lines))))
		return Quote{}, &jstore.ValidationError{Problems: ps}
	}
	for i, lr := range req.Lines {
		lr.Domain = strings.TrimSpace(lr.Domain)
		name := message.Sentence{Text: lineDomain, Args: []message.Arg{message.With("line", count(i+1, message.NoUnit))}}
		ps = checkText(ps, fmt.Sprintf("lines[%d].domain", i), name, lr.Domain)
		line, err := q.line(lr, contract)
		if err != nil {
			var ve *jstore.ValidationError
			if !errors.As(err, &ve) {
				return Quote{}, err
			}
			for _, p := range ve.Problems {
				p.Field = fmt.Sprintf("lines[%d].%s", i, p.Field)
				ps = append(ps, p)
			}
			continue
		}
		out.Lines = append(out.Lines, line)
	}
	if len(ps) > 0 {
		return Quote{}, &jstore.ValidationError{Problems: ps}
	}
	amounts := make([]int64, len(out.Lines))
	for i, l := range out.Lines {
		amounts[i] = l.Amount
	}
	if out.Subtotal, out.Tax, out.Total, err = q.totals(amounts); err != nil {
		return Quote{}, err
	}
	now := q.cfg.Now().In(q.cfg.Location)
	y, m, d := now.Date()
	out.Issued = time.Date(y, m, d, 0, 0, 0, 0, q.cfg.Location)
	out.ValidUntil = time.Date(y, m, d+q.cfg.ValidDays, 0, 0, 0, 0, q.cfg.Location)
	for _, check := range opts {
		if err := check(out); err != nil {
			return Quote{}, err
		}
	}
	n, err := q.cfg.Numberer.Next(ctx, out.Issued)
	if err != nil {
		return Quote{}, fmt.Errorf("quote: number: %w", err)
	}
	if out.Number, err = formatNumber(out.Issued, n); err != nil {
		return Quote{}, err
	}
	return out, nil
}

// tooLarge is the problem of amounts beyond what a quote may print (MaxTotal).
func tooLarge(field string) error {
	return &jstore.ValidationError{Problems: []jstore.Problem{problem("amount_too_large", field)}}
}

// line prices one request line.
func (q *Quoter) line(lr LineRequest, c *Contract) (Line, error) {
	bad := func(code, field string, args ...message.Arg) (Line, error) {
		return Line{}, &jstore.ValidationError{Problems: []jstore.Problem{problem(code, field, args...)}}
	}
	p, ok := q.cfg.Catalogue.Lookup(lr.ProductCode)
	if !ok {
		return bad("product_unknown", "product")
	}
	if ps := p.ChoiceProblems(lr.Term, lr.SANSlots); len(ps) > 0 {
		return Line{}, &jstore.ValidationError{Problems: ps}
	}
	if lr.Quantity < 1 || lr.Quantity > maxQuantity {
		return bad("quantity_invalid", "quantity", message.With("min", count(1, message.NoUnit)), message.With("max", count(maxQuantity, message.NoUnit)))
	}
	unit, err := q.cfg.Book.unitPrice(p, lr.Term, lr.SANSlots, c)
	if errors.Is(err, errOverflow) {
		return Line{}, tooLarge("unit")
	}
	if err != nil {
		return Line{}, err
	}
	amount, err := mulAdd(0, unit, int64(lr.Quantity))
	if err != nil || amount > MaxTotal {
		return Line{}, tooLarge("amount")
	}
	return Line{Product: p, Term: lr.Term, SANSlots: lr.SANSlots, Quantity: lr.Quantity, Unit: unit, Amount: amount, Domain: lr.Domain}, nil
}

// contract returns the contract named ref, nil for none. A reference with no way to look it
// up is an error: quoting list prices to a contract customer would be wrong.
func (q *Quoter) contract(ctx context.Context, ref string) (*Contract, error) {
	if ref == "" {
		return nil, nil
	}
	if q.cfg.Contract == nil {
		return nil, fmt.Errorf("quote: contract %q: no Config.Contract to look it up", ref)
	}
	c, err := q.cfg.Contract(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("quote: contract %q: %w", ref, err)
	}
	return c, nil
}

// unprintable reports control characters and invisible format characters (Unicode Cf: U+200B,
// the bidirectional overrides U+202A–U+202E, U+FEFF…), which would print nothing or reorder
// what is printed while the copied text differs.
func unprintable(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

// checkText appends the problem of one free-text field, named for the reader by name.
func checkText(ps []jstore.Problem, field string, name message.Value, s string) []jstore.Problem {
	switch {
	case !utf8.ValidString(s) || strings.ContainsFunc(s, unprintable):
		return append(ps, problem("control_character", field, message.With("field", name)))
	case utf8.RuneCountInString(s) > maxTextChars:
		return append(ps, problem("too_long", field, message.With("field", name), message.With("max", count(maxTextChars, message.Characters))))
	}
	return ps
}

// Price implements jstore.Pricer with the same prices as quotes, at the account's contract.
// The application kind is not consulted: new and renewal cost the same.
func (q *Quoter) Price(ctx context.Context, account jstore.Account, items []jstore.PriceItem) (jstore.Pricing, error) {
	contract, err := q.contract(ctx, account.ContractRef)
	if err != nil {
		return jstore.Pricing{}, err
	}
	p := jstore.Pricing{Amounts: make([]int64, len(items)), TaxPercent: int(q.cfg.TaxPercent)}
	for i, it := range items {
		l, err := q.line(LineRequest{ProductCode: it.Product.Code, Term: it.Term, SANSlots: it.SANSlots, Quantity: 1}, contract)
		if err != nil {
			return jstore.Pricing{}, err
		}
		p.Amounts[i] = l.Amount
	}
	if p.Subtotal, p.Tax, p.Total, err = q.totals(p.Amounts); err != nil {
		return jstore.Pricing{}, err
	}
	return p, nil
}

// totals sums the amounts and adds the tax, for quotes and orders alike; beyond MaxTotal is
// amount_too_large.
func (q *Quoter) totals(amounts []int64) (subtotal, taxed, total int64, err error) {
	for _, a := range amounts {
		if subtotal, err = mulAdd(subtotal, a, 1); err != nil {
			return 0, 0, 0, tooLarge("lines")
		}
	}
	if taxed, err = tax(subtotal, q.cfg.TaxPercent, q.cfg.Rounding); err != nil {
		return 0, 0, 0, tooLarge("lines")
	}
	if total, err = mulAdd(subtotal, taxed, 1); err != nil || total > MaxTotal {
		return 0, 0, 0, tooLarge("lines")
	}
	return subtotal, taxed, total, nil
}

var _ jstore.Pricer = (*Quoter)(nil)
