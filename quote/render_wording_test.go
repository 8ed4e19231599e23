package quote_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

// TestRenderHonorific: the honorific is the caller's, never doubled, and an empty recipient is a
// blank line rather than a bare 御中.
func TestRenderHonorific(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	dv := []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}
	tests := []struct {
		name      string
		recipient string
		honorific quote.Honorific
		want      string // the recipient line; "" when no honorific may appear
	}{
		{"organisation", "株式会社サンプル", quote.HonorificOrganization, "株式会社サンプル 御中"},
		{"person", "山田太郎", quote.HonorificPerson, "山田太郎 様"},
		{"none", "株式会社サンプル", quote.HonorificNone, "株式会社サンプル"},
		{"already 御中", "株式会社サンプル 御中", quote.HonorificOrganization, "株式会社サンプル 御中"},
		{"already 様", "山田太郎様", quote.HonorificOrganization, "山田太郎様"},
		{"empty", "", quote.HonorificOrganization, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: dv, Recipient: tt.recipient, Honorific: tt.honorific})
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, r.Render(&buf, q, quote.Japanese))
			text := testkit.PDFText(t, buf.Bytes())
			if tt.want != "" {
				assert.Contains(t, text, tt.want)
			}
			for _, h := range []string{"御中", "様"} {
				assert.LessOrEqual(t, strings.Count(text, h), strings.Count(tt.want, h), "no honorific beyond %q", tt.want)
			}
		})
	}
}

// TestRenderTotalsWording: the totals read as a qualified invoice prints them, and a quote
// without tax says so instead of 消費税（0%） and （税込）.
func TestRenderTotalsWording(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	req := quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: "株式会社サンプル"}

	q, err := newQuoter(t).Quote(t.Context(), req)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	text := testkit.PDFText(t, buf.Bytes())
	assertInOrder(t, text, "御見積金額", "¥11,000（税込）", "10%対象（税抜）", "¥10,000", "消費税", "¥1,000", "合計", "¥11,000")

	q, err = newQuoter(t, func(c *quote.Config) { c.NoTax = true }).Quote(t.Context(), req)
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	text = testkit.PDFText(t, buf.Bytes())
	assertInOrder(t, text, "御見積金額", "¥10,000（消費税なし）", "小計", "¥10,000", "消費税", "対象外", "合計", "¥10,000")
	assert.NotContains(t, text, "税込")
	assert.NotContains(t, text, "0%")
}

// TestRenderRefusesUndrawable: a character the font has no glyph for is refused, named, before a
// byte is written, instead of printing as a box while the copied text says otherwise.
func TestRenderRefusesUndrawable(t *testing.T) {
	t.Parallel()
	f := testFont(t)
	r, err := quote.NewRenderer(f, seller)
	require.NoError(t, err)
	dv := []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}
	tests := []struct {
		name, recipient string
		missing         []rune
	}{
		{"𠮷 (not in IPAexGothic)", "株式会社𠮷野家", []rune{'𠮷'}},
		{"emoji", "サンプル😀商事", []rune{'😀'}},
		{"Hangul", "한국 주식회사", []rune{'국', '사', '식', '주', '한', '회'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.missing, f.Missing(tt.recipient))
			q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: dv, Recipient: tt.recipient})
			require.NoError(t, err)
			var buf bytes.Buffer
			err = r.Render(&buf, q, quote.Japanese)
			var gerr *quote.GlyphError
			require.ErrorAs(t, err, &gerr)
			assert.Equal(t, tt.missing, gerr.Missing)
			assert.Zero(t, buf.Len(), "nothing written")
			p := gerr.Problem()
			assert.Equal(t, "glyph_missing", p.Code)
			assert.Contains(t, p.Message(message.Japanese), "「"+string(tt.missing[0])+"」（U+")
			assert.NotContains(t, p.Message(message.Japanese), "[")
			assert.Contains(t, err.Error(), string(tt.missing[0]))
			assert.Equal(t, p.Message(message.Japanese), jstore.ErrorMessage(err, message.Japanese), "a panel's one call words it")
		})
	}
	assert.Empty(t, f.Missing("株式会社サンプル 𠀋 ABC ¥"))
}

// TestRenderFallbackFont: what the main font lacks is drawn from the fallback, and every
// character is still extracted as text; without the fallback the same quote is refused.
func TestRenderFallbackFont(t *testing.T) {
	t.Parallel()
	full := testFont(t)
	var ascii strings.Builder
	for c := rune(0x20); c <= 0x7e; c++ {
		ascii.WriteRune(c)
	}
	small, err := quote.LoadFont(quote.SubsetForTest(full, ascii.String()+"¥株式会社"))
	require.NoError(t, err)
	require.NotEmpty(t, small.Missing("御見積書"), "the small font lacks the labels")

	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: "株式会社𠀋サンプル"})
	require.NoError(t, err)
	alone, err := quote.NewRenderer(small, seller)
	require.NoError(t, err)
	var gerr *quote.GlyphError
	require.ErrorAs(t, alone.Render(&bytes.Buffer{}, q, quote.Japanese), &gerr)
	assert.Contains(t, gerr.Missing, '御')

	r, err := quote.NewRenderer(small, seller, quote.WithFallbackFont(full))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	assertInOrder(t, testkit.PDFText(t, buf.Bytes()), "御見積書", "株式会社𠀋サンプル 御中", "ドメイン認証SSL", "合計", "¥11,000")
	assert.GreaterOrEqual(t, strings.Count(buf.String(), "/Subtype /TrueType"), 2, "the main font and the fallback")

	_, err = quote.NewRenderer(small, seller, quote.WithFallbackFont(nil))
	assert.Error(t, err)
}

// TestRenderToUnicodeAndDates: every embedded font carries a ToUnicode map (pdffonts: uni yes),
// the document dates carry Tokyo's offset, and the rewritten xref table points at each object.
func TestRenderToUnicodeAndDates(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"pdffonts", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			testkit.Missing(t, tool+" missing: apt-get install poppler-utils")
		}
	}
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	var kanji []rune
	for c := rune(0x4E00); len(kanji) < 300; c++ {
		if testFont(t).Missing(string(c)) == nil {
			kanji = append(kanji, c)
		}
	}
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: string(kanji[:150]), Domain: string(kanji[150:])})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	dir := t.TempDir()
	path := filepath.Join(dir, "q.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))

	out, err := exec.Command("pdffonts", path).CombinedOutput()
	require.NoError(t, err, string(out))
	fonts := 0
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "JSTQ") {
			fonts++
			f := strings.Fields(line)
			assert.Equal(t, []string{"yes", "yes", "yes"}, f[len(f)-5:len(f)-2], "emb sub uni: %s", line)
		}
	}
	assert.GreaterOrEqual(t, fonts, 3, "the document needs several single-byte fonts")

	out, err = exec.Command("pdfinfo", "-isodates", path).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "2026-11-25T00:00:00+09")
	assert.NotContains(t, strings.ToLower(string(out)), "error")
	assertInOrder(t, testkit.PDFText(t, buf.Bytes()), string(kanji[:10]), string(kanji[290:]))
}

// TestRenderLargestTotal: the largest total a quote may have, and its line amounts, print at a
// readable size (at least 7 pt) within their cells; a total beyond it is refused.
func TestRenderLargestTotal(t *testing.T) {
	t.Parallel()
	huge := func(c *quote.Config) {
		c.Book = quote.PriceBook{List: map[string]map[int]int64{"DV_SSL": {1: 909_090_909}}}
	}
	q, err := newQuoter(t, huge).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1000}}})
	require.NoError(t, err)
	require.Equal(t, int64(999_999_999_900), q.Total)
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	amounts := 0
	for _, w := range pdfWords(t, buf.Bytes()) {
		if strings.HasPrefix(w.word, "¥") {
			amounts++
			assert.GreaterOrEqual(t, w.height, 7.0, "%s prints at a readable size", w.word)
		}
	}
	assert.GreaterOrEqual(t, amounts, 5, "unit, amount, subtotal, tax, total")

	_, err = newQuoter(t, huge).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1000}, {ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	var verr *jstore.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.True(t, verr.Has("amount_too_large"))
}

// TestRenderDrawsBeyondBMP rasterises two quotes that differ in one character beyond the BMP
// (both in the font's format 12 cmap): the pages differ. Were either drawn as the font's
// missing-glyph box, as before the format 12 cmap was read, both pages would be the same.
func TestRenderDrawsBeyondBMP(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		testkit.Missing(t, "pdftoppm missing: apt-get install poppler-utils")
	}
	f := testFont(t)
	var chars []rune
	for c := rune(0x20000); len(chars) < 2 && c < 0x2A6DF; c++ {
		if f.Missing(string(c)) == nil {
			chars = append(chars, c)
		}
	}
	require.Len(t, chars, 2, "IPAexGothic has characters beyond the BMP")
	r, err := quote.NewRenderer(f, seller)
	require.NoError(t, err)
	dir := t.TempDir()
	var pages [][]byte
	for i, c := range chars {
		q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: "株式会社" + string(c)})
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, r.Render(&buf, q, quote.Japanese))
		pdf := filepath.Join(dir, fmt.Sprintf("q%d.pdf", i))
		require.NoError(t, os.WriteFile(pdf, buf.Bytes(), 0o600))
		out := filepath.Join(dir, fmt.Sprintf("q%d", i))
		msg, err := exec.Command("pdftoppm", "-r", "100", "-gray", "-singlefile", pdf, out).CombinedOutput()
		require.NoError(t, err, string(msg))
		page, err := os.ReadFile(out + ".pgm")
		require.NoError(t, err)
		pages = append(pages, page)
	}
	require.Equal(t, len(pages[0]), len(pages[1]))
	diff := 0
	for i := range pages[0] {
		if pages[0][i] != pages[1][i] {
			diff++
		}
	}
	assert.Greater(t, diff, 20, "the two characters are drawn with their own glyphs (%c, %c)", chars[0], chars[1])
	assert.Less(t, diff, 2000, "nothing but the one character differs")
}
