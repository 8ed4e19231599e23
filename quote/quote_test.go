package quote_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

func TestAmountsAndTax(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cfg      func(*quote.Config)
		req      quote.Request
		subtotal int64
		tax      int64
	}{
		{"list price", nil, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 10000, 1000},
		{"quantity", nil, quote.Request{Lines: []quote.LineRequest{{ProductCode: "OV_SSL", Term: 3, Quantity: 4}}}, 340000, 34000},
		{"SAN slots per year", nil, quote.Request{Lines: []quote.LineRequest{{ProductCode: "UCC_OV_SSL", Term: 2, SANSlots: 15, Quantity: 1}}}, 98000 + 2000*15*2, 15800},
		{"contract rate 85%", nil, quote.Request{ContractRef: "gold", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 8500, 850},
		{"contract rate applies to the SAN slots too", nil, quote.Request{ContractRef: "gold", Lines: []quote.LineRequest{{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5, Quantity: 3}}}, 3 * 21250, 6375},
		{"contract unit price", nil, quote.Request{ContractRef: "custom", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 7777, 777},
		{"contract without that product", nil, quote.Request{ContractRef: "custom", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 2, Quantity: 1}}}, 19000, 1900},
		{"floor: 777.7 is 777", nil, quote.Request{ContractRef: "custom", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 7777, 777},
		{"half up: 777.7 is 778", func(c *quote.Config) { c.Rounding = quote.HalfUp }, quote.Request{ContractRef: "custom", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 7777, 778},
		{"half up: 7.5 is 8", func(c *quote.Config) {
			c.Rounding = quote.HalfUp
			c.Book.List = map[string]map[int]int64{"DV_SSL": {1: 75}}
		}, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 75, 8},
		{"half up: 7.4 is 7", func(c *quote.Config) {
			c.Rounding = quote.HalfUp
			c.Book.List = map[string]map[int]int64{"DV_SSL": {1: 74}}
		}, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 74, 7},
		{"ceil: 0.1 is 1", func(c *quote.Config) {
			c.Rounding = quote.Ceil
			c.Book.List = map[string]map[int]int64{"DV_SSL": {1: 1}}
		}, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 1, 1},
		{"tax once on the subtotal, not per line", func(c *quote.Config) { c.Book.List = map[string]map[int]int64{"DV_SSL": {1: 15}} }, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}, {ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 30, 3},
		{"8% rate", func(c *quote.Config) { c.TaxPercent = 8 }, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 10000, 800},
		{"no tax", func(c *quote.Config) { c.NoTax = true }, quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}, 10000, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var muts []func(*quote.Config)
			if tc.cfg != nil {
				muts = append(muts, tc.cfg)
			}
			q, err := newQuoter(t, muts...).Quote(t.Context(), tc.req)
			require.NoError(t, err)
			assert.Equal(t, tc.subtotal, q.Subtotal)
			assert.Equal(t, tc.tax, q.Tax)
			assert.Equal(t, q.Subtotal+q.Tax, q.Total)
			var sum int64
			for _, l := range q.Lines {
				assert.Equal(t, l.Unit*int64(l.Quantity), l.Amount)
				sum += l.Amount
			}
			assert.Equal(t, q.Subtotal, sum)
		})
	}
}

func TestNewAndRenewalCostTheSame(t *testing.T) {
	t.Parallel()
	q := newQuoter(t)
	cat := jstore.DefaultCatalogue()
	for _, p := range cat.Products() {
		for _, term := range p.Terms {
			slots := 0
			if p.Kind == jstore.ProductMultiDomain {
				slots = p.SANSlots[len(p.SANSlots)-1]
			}
			for _, ref := range []string{"", "gold", "custom"} {
				var prices []int64
				for _, kind := range []jstore.ApplicationKind{jstore.AppNew, jstore.AppRenewal, jstore.AppReissue} {
					pr, err := q.Price(t.Context(), jstore.Account{ContractRef: ref}, []jstore.PriceItem{{Product: p, Term: term, SANSlots: slots, Kind: kind}})
					require.NoError(t, err)
					prices = append(prices, pr.Total)
				}
				assert.Equal(t, prices[0], prices[1], "%s %d years %q", p.Code, term, ref)
				quoted, err := q.Quote(t.Context(), quote.Request{ContractRef: ref, Lines: []quote.LineRequest{{ProductCode: p.Code, Term: term, SANSlots: slots, Quantity: 1}}})
				require.NoError(t, err)
				assert.Equal(t, quoted.Total, prices[0], "a quote and an order agree")
			}
		}
	}
}

func TestRequestValidation(t *testing.T) {
	t.Parallel()
	q := newQuoter(t)
	dv := quote.LineRequest{ProductCode: "DV_SSL", Term: 1, Quantity: 1}
	long := strings.Repeat("長", 201)
	tests := []struct {
		name string
		req  quote.Request
		want []string
	}{
		{"empty cart", quote.Request{}, []string{"lines_empty"}},
		{"unknown product", quote.Request{Lines: []quote.LineRequest{{ProductCode: "NOPE", Term: 1, Quantity: 1}}}, []string{"product_unknown"}},
		{"unknown term", quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 5, Quantity: 1}}}, []string{"term_invalid"}},
		{"slots on single", quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, SANSlots: 5, Quantity: 1}}}, []string{"san_slots_not_allowed"}},
		{"slots not on sale", quote.Request{Lines: []quote.LineRequest{{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 7, Quantity: 1}}}, []string{"san_slots_invalid"}},
		{"zero quantity", quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1}}}, []string{"quantity_invalid"}},
		{"negative quantity", quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: -2}}}, []string{"quantity_invalid"}},
		{"long recipient", quote.Request{Recipient: long, Lines: []quote.LineRequest{dv}}, []string{"too_long"}},
		{"long domain", quote.Request{Domain: long, Lines: []quote.LineRequest{dv}}, []string{"too_long"}},
		{"control in recipient", quote.Request{Recipient: "A\x1bB", Lines: []quote.LineRequest{dv}}, []string{"control_character"}},
		{"newline in domain", quote.Request{Domain: "a\nb", Lines: []quote.LineRequest{dv}}, []string{"control_character"}},
		{"zero-width space", quote.Request{Recipient: "株式会社\u200bサンプル", Lines: []quote.LineRequest{dv}}, []string{"control_character"}},
		{"right-to-left override", quote.Request{Recipient: "Example\u202egpj.exe", Lines: []quote.LineRequest{dv}}, []string{"control_character"}},
		{"byte order mark", quote.Request{Domain: "\ufeffexample.jp", Lines: []quote.LineRequest{dv}}, []string{"control_character"}},
		{"unknown honorific", quote.Request{Honorific: 7, Lines: []quote.LineRequest{dv}}, []string{"honorific_invalid"}},
		{"100,000 lines are not read past the limit", quote.Request{Recipient: long, Lines: make([]quote.LineRequest, 100_000)}, []string{"too_long", "lines_too_many"}},
		{"every problem at once", quote.Request{Recipient: long, Lines: []quote.LineRequest{{ProductCode: "NOPE"}, {ProductCode: "DV_SSL", Term: 1}}}, []string{"too_long", "product_unknown", "quantity_invalid"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := q.Quote(t.Context(), tc.req)
			var ve *jstore.ValidationError
			require.ErrorAs(t, err, &ve)
			var codes []string
			for _, p := range ve.Problems {
				codes = append(codes, p.Code)
				assert.NotEmpty(t, p.Message(message.Japanese))
				assert.NotEmpty(t, p.Message(message.English))
			}
			assert.Equal(t, tc.want, codes)
		})
	}
	ok, err := q.Quote(t.Context(), quote.Request{Recipient: strings.Repeat("長", 200), Lines: []quote.LineRequest{dv}})
	require.NoError(t, err, "200 characters are allowed")
	assert.Equal(t, "Q-20261125-00001", ok.Number, "refused requests took no number")
}

func TestContractAndConfigErrors(t *testing.T) {
	t.Parallel()
	_, err := newQuoter(t).Quote(t.Context(), quote.Request{ContractRef: "missing", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	assert.ErrorContains(t, err, "no such contract")
	noLookup := newQuoter(t, func(c *quote.Config) { c.Contract = nil })
	_, err = noLookup.Quote(t.Context(), quote.Request{ContractRef: "gold", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	assert.ErrorContains(t, err, "no Config.Contract", "a contract customer never silently gets list prices")
	bad := map[string]*quote.Contract{"rate": {RatePercent: 150}}
	q := newQuoter(t, func(c *quote.Config) {
		c.Contract = func(_ context.Context, ref string) (*quote.Contract, error) { return bad[ref], nil }
	})
	_, err = q.Quote(t.Context(), quote.Request{ContractRef: "rate", Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	assert.ErrorContains(t, err, "outside 1 to 100")
	noPrice := newQuoter(t, func(c *quote.Config) { c.Book = quote.PriceBook{} })
	_, err = noPrice.Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	assert.ErrorContains(t, err, "no price")

	for name, cfg := range map[string]quote.Config{
		"no catalogue": {Numberer: &quote.MemoryNumberer{}},
		"no numberer":  {Catalogue: jstore.DefaultCatalogue()},
		"tax 101":      {Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{}, TaxPercent: 101},
		"validity":     {Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{}, ValidDays: -1},
		"rounding":     {Catalogue: jstore.DefaultCatalogue(), Numberer: &quote.MemoryNumberer{}, Rounding: 9},
	} {
		_, err := quote.New(cfg)
		assert.Error(t, err, name)
	}
}

func TestNumbersAndDates(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 1, 31, 23, 30, 0, 0, time.UTC) // already 1 February in Tokyo
	q := newQuoter(t, func(c *quote.Config) { c.Now = func() time.Time { return now } })
	dv := quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}}
	first, err := q.Quote(t.Context(), dv)
	require.NoError(t, err)
	assert.Equal(t, "Q-20270201-00001", first.Number)
	assert.Equal(t, time.Date(2027, 2, 1, 0, 0, 0, 0, tokyo), first.Issued)
	assert.Equal(t, time.Date(2027, 3, 3, 0, 0, 0, 0, tokyo), first.ValidUntil, "30 calendar days in Tokyo")

	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{first.Number: true}
	for range 50 {
		wg.Go(func() {
			got, err := q.Quote(context.Background(), dv)
			mu.Lock()
			defer mu.Unlock()
			if assert.NoError(t, err) {
				assert.False(t, seen[got.Number], "number %s handed out twice", got.Number)
				seen[got.Number] = true
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, 51)

	short := newQuoter(t, func(c *quote.Config) {
		c.ValidDays = 7
		c.Now = func() time.Time { return time.Date(2028, 2, 25, 12, 0, 0, 0, tokyo) }
	})
	leap, err := short.Quote(t.Context(), dv)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2028, 3, 3, 0, 0, 0, 0, tokyo), leap.ValidUntil, "across 29 February")

	failing := newQuoter(t, func(c *quote.Config) { c.Numberer = failingNumberer{} })
	_, err = failing.Quote(t.Context(), dv)
	assert.ErrorContains(t, err, "numbers exhausted")
}

type failingNumberer struct{}

func (failingNumberer) Next(context.Context, time.Time) (int64, error) {
	return 0, errors.New("numbers exhausted")
}

// TestAmountsBeyondTheLimit: prices that would overflow, or print beyond MaxTotal, are a
// validation problem naming the line, never a wrapped-around number.
func TestAmountsBeyondTheLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		book  quote.PriceBook
		line  quote.LineRequest
		field string
	}{
		{"a unit price times the quantity overflows", quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: math.MaxInt64 / 2}}},
			quote.LineRequest{ProductCode: "DV_SSL", Term: 1, Quantity: 3}, "lines[0].amount"},
		{"an amount beyond MaxTotal", quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: quote.MaxTotal}}},
			quote.LineRequest{ProductCode: "DV_SSL", Term: 1, Quantity: 2}, "lines[0].amount"},
		{"SAN slots overflow the unit price", quote.PriceBook{List: map[string]map[int]int64{"UCC_DV_SSL": {1: 1}}, PerSlot: map[string]int64{"UCC_DV_SSL": math.MaxInt64 / 4}},
			quote.LineRequest{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 100, Quantity: 1}, "lines[0].unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newQuoter(t, func(c *quote.Config) { c.Book = tt.book }).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{tt.line}})
			var verr *jstore.ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, "amount_too_large", verr.Problems[0].Code)
			assert.Equal(t, tt.field, verr.Problems[0].Field)
		})
	}
}

// TestPriceKeepsToMaxTotal: an order is refused where its quote would be.
func TestPriceKeepsToMaxTotal(t *testing.T) {
	t.Parallel()
	q := newQuoter(t, func(c *quote.Config) {
		c.Book = quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: quote.MaxTotal / 2}}}
	})
	dv, ok := jstore.DefaultCatalogue().Lookup("DV_SSL")
	require.True(t, ok)
	item := jstore.PriceItem{Product: dv, Term: 1}
	_, err := q.Price(t.Context(), jstore.Account{}, []jstore.PriceItem{item})
	require.NoError(t, err)
	_, err = q.Price(t.Context(), jstore.Account{}, []jstore.PriceItem{item, item})
	var verr *jstore.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.True(t, verr.Has("amount_too_large"))
}

func TestYen(t *testing.T) {
	t.Parallel()
	for v, want := range map[int64]string{0: "¥0", 7: "¥7", 999: "¥999", 1000: "¥1,000", 42460: "¥42,460", 123456789: "¥123,456,789",
		-500: "−¥500", -1234: "−¥1,234", math.MinInt64: "−¥9,223,372,036,854,775,808"} {
		assert.Equal(t, want, quote.Yen(v), "%d", v)
	}
}

// TestCheckRegistrationNumber: T and 13 digits with the National Tax Agency's check digit;
// the NTA's own corporate number (7000012050002) passes, a digit changed anywhere fails.
func TestCheckRegistrationNumber(t *testing.T) {
	t.Parallel()
	for _, good := range []string{"T7000012050002", "T9234567890123", "T7123456789012"} {
		assert.NoError(t, quote.CheckRegistrationNumber(good), good)
	}
	for _, bad := range []string{"", "T", "7000012050002", "t7000012050002", "T700001205000", "T70000120500021", "T1234567890123",
		"T8000012050002", "T7000012050003", "T70000120５0002", "T700001205000X"} {
		assert.ErrorIs(t, quote.CheckRegistrationNumber(bad), quote.ErrRegistrationNumber, bad)
	}
	_, err := quote.NewRenderer(&quote.Font{}, quote.Seller{Name: "A", RegistrationNumber: "T1234567890123"})
	assert.ErrorIs(t, err, quote.ErrRegistrationNumber, "refused at configuration")
}
