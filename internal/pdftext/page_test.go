package pdftext

import (
	"strings"
	"testing"

	"github.com/phpdave11/gofpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testPage is a page with fonts for text; extra runes beyond one font's 129 go to a second.
func testPage(t *testing.T, text string) *Page {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(15, 15, 15)
	d, err := NewEncoder().AddFonts(pdf, testFont(t), nil, []rune(text))
	require.NoError(t, err)
	p := NewPage(pdf, d)
	p.SetSize(10)
	return p
}

func TestRunsSwitchFonts(t *testing.T) {
	t.Parallel()
	var many []rune
	for c := rune(0x3041); len(many) < 140; c++ {
		many = append(many, c)
	}
	text := "AB " + string(many)
	p := testPage(t, text)
	require.Len(t, p.fonts.widths, 2, "140 kana need two fonts")
	rs := p.fonts.runs(text)
	require.Len(t, rs, 2)
	assert.Equal(t, 0, rs[0].font)
	assert.True(t, strings.HasPrefix(rs[0].text, "AB "), "leading ASCII joins the first run")
	assert.Equal(t, 1, rs[1].font)
	assert.Len(t, rs[0].text+rs[1].text, len([]rune(text)), "one byte per character")
	assert.Equal(t, "?", p.fonts.runs("€")[0].text, "a character no font was made for is drawn as ?")
}

func TestWrap(t *testing.T) {
	t.Parallel()
	p := testPage(t, "Extended Validation Multi-Domain SSL 3 yr 100 SAN slots ドメイン認証マルチドメインSSL")
	oneLine := p.fonts.width(p.fonts.runs("Extended Validation"), p.size)
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"Extended Validation Multi-Domain SSL", oneLine + 1, []string{"Extended Validation", "Multi-Domain SSL"}},
		{"ドメイン認証マルチドメインSSL", p.fonts.width(p.fonts.runs("ドメイン認証"), p.size) + 0.1, []string{"ドメイン認証", "マルチドメイ", "ンSSL"}},
		{"a\nb", 100, []string{"a", "b"}},
		{"", 100, []string{""}},
		{"ドメイン", 0.1, []string{"ド", "メ", "イ", "ン"}},
	}
	for _, tc := range tests {
		got := p.Wrap(tc.in, tc.width)
		assert.Equal(t, tc.want, got, tc.in)
		for _, line := range got {
			if len([]rune(line)) > 1 {
				assert.LessOrEqual(t, p.fonts.width(p.fonts.runs(line), p.size), tc.width+1e-9, line)
			}
		}
	}
}
