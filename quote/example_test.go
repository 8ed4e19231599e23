package quote_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/quote"
)

func Example() {
	q, err := quote.New(quote.Config{
		Catalogue: jstore.DefaultCatalogue(),
		Book:      quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 9800}}},
		Numberer:  &quote.MemoryNumberer{},
		Contract: func(_ context.Context, ref string) (*quote.Contract, error) {
			return &quote.Contract{RatePercent: 90}, nil // this customer's 仕切り: 90% of list
		},
		Now: func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	qt, err := q.Quote(context.Background(), quote.Request{
		Lines:       []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 2}},
		Domain:      "www.example.jp",
		Recipient:   "株式会社サンプル",
		ContractRef: "A-001",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(qt.Number, qt.ValidUntil.Format(time.DateOnly))
	fmt.Printf("%d × %d = %d, tax %d, total %d yen\n", qt.Lines[0].Quantity, qt.Lines[0].Unit, qt.Subtotal, qt.Tax, qt.Total)

	// The PDF needs an installed Japanese font (Debian: fonts-ipaexfont-gothic); FindFont says
	// how to get one when there is none.
	font, err := quote.FindFont()
	if err == nil {
		r, _ := quote.NewRenderer(font, quote.Seller{Name: "株式会社ジェイストア", RegistrationNumber: "T9234567890123"})
		err = r.Render(io.Discard, qt, quote.Japanese)
	}
	fmt.Println("rendered, or no font installed:", err == nil || errors.Is(err, quote.ErrNoFont))
	// Output:
	// Q-20261125-00001 2026-12-25
	// 2 × 8820 = 17640, tax 1764, total 19404 yen
	// rendered, or no font installed: true
}
