package quote_test

import (
	"testing"

	"github.com/jstore-sdk/sdk/quote"
)

// FuzzLoadFont: any bytes either load as a font that can render, or are refused; never a panic.
func FuzzLoadFont(f *testing.F) {
	f.Add([]byte("\x00\x01\x00\x00"))
	f.Add([]byte("OTTO"))
	if font, err := quote.FindFont(); err == nil {
		// A small real font: the subset a one-line quote embeds.
		f.Add(quote.SubsetForTest(font, "御見積書 ¥0123"))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		font, err := quote.LoadFont(b)
		if err != nil {
			return
		}
		quote.SubsetForTest(font, "御見積書 ¥0123 ABC")
	})
}
