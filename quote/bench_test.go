package quote_test

import (
	"io"
	"os"
	"testing"

	"github.com/phpdave11/gofpdf"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/quote"
)

// BenchmarkRender compares a one-page Japanese quote through Renderer with the plain gofpdf way
// (the same TrueType font added from bytes to each document), in one run.
func BenchmarkRender(b *testing.B) {
	font := testFont(b)
	r, err := quote.NewRenderer(font, seller)
	if err != nil {
		b.Fatal(err)
	}
	q, err := newQuoter(b).Quote(b.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: "株式会社サンプル", Domain: "www.example.jp"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Renderer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := r.Render(io.Discard, q, quote.Japanese); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain-gofpdf", func(b *testing.B) {
		const path = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf" // Debian's fonts-ipaexfont-gothic
		if _, err := os.Stat(path); err != nil {
			testkit.Missing(b, "the plain way is measured with Debian's ipaexg.ttf (fonts-ipaexfont-gothic)")
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("jp", "", raw)
			pdf.AddPage()
			pdf.SetFont("jp", "", 12)
			pdf.Cell(40, 10, "御見積書 株式会社サンプル 御中 合計 ¥11,000")
			if err := pdf.Output(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
