package quote_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/quote"
)

// assertInOrder checks that every want appears in text, each after the previous.
func assertInOrder(t *testing.T, text string, want ...string) {
	t.Helper()
	rest := text
	for _, w := range want {
		i := strings.Index(rest, w)
		if !assert.GreaterOrEqual(t, i, 0, "%q missing or out of order in:\n%s", w, text) {
			return
		}
		rest = rest[i+len(w):]
	}
}

func TestRenderJapanese(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{
		Lines:     []quote.LineRequest{{ProductCode: "UCC_DV_SSL", Term: 2, SANSlots: 10, Quantity: 1}, {ProductCode: "DV_SSL", Term: 1, Quantity: 3}},
		Domain:    "www.example.jp",
		Recipient: "株式会社サンプル",
	})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	text := testkit.PDFText(t, buf.Bytes())
	assertInOrder(t, text, "御見積書", "Q-20261125-00001", "2026年11月25日", "2026年12月25日",
		"株式会社サンプル 御中", "株式会社ジェイストア", "T9234567890123", "御見積金額", "¥97,900",
		"品名", "数量", "単価", "金額",
		"ドメイン認証マルチドメインSSL", "付帯ドメイン10", "¥59,000",
		"ドメイン認証SSL", "3", "¥10,000", "¥30,000",
		"10%対象（税抜）", "¥89,000", "消費税", "¥8,900", "合計", "¥97,900", "備考", "www.example.jp")
	assert.Less(t, buf.Len(), 40<<10, "a one-page quote with the font subset stays under 40 KB")
}

func TestRenderMultiPageCart(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	var lines []quote.LineRequest
	for i := range 60 {
		lines = append(lines, quote.LineRequest{ProductCode: []string{"DV_SSL", "OV_SSL", "UCC_EV_SSL"}[i%3], Term: 1 + i%3, SANSlots: []int{0, 0, 100}[i%3], Quantity: 1 + i})
	}
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: lines, Recipient: strings.Repeat("とても長い組織名の株式会社", 14)})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	text := testkit.PDFText(t, buf.Bytes())
	pages := strings.Split(text, "\f")
	var nonEmpty []string
	for _, p := range pages {
		if strings.TrimSpace(p) != "" {
			nonEmpty = append(nonEmpty, p)
		}
	}
	require.GreaterOrEqual(t, len(nonEmpty), 3, "60 lines flow onto more pages")
	for i, p := range nonEmpty {
		assert.Contains(t, p, fmt.Sprintf("%d / %d", i+1, len(nonEmpty)), "page numbers on page %d", i+1)
		if i < len(nonEmpty)-1 || strings.Contains(p, "¥") {
			assertInOrder(t, p, "品名", "数量", "単価", "金額")
		}
	}
	assertInOrder(t, text, "とても長い組織名", "10%対象（税抜）", "合計")
	assert.Equal(t, 60, strings.Count(text, "EVマルチドメインSSL")+strings.Count(text, "企業認証SSL")+strings.Count(text, "ドメイン認証SSL"), "every line is drawn once")
}

// TestRenderManyCharacters: a document with more distinct characters than one single-byte font
// holds is drawn with several, and every character is still extracted as text, in order,
// though the recipient's lines switch fonts mid-line and wrap.
func TestRenderManyCharacters(t *testing.T) {
	t.Parallel()
	var kanji []rune
	for c := rune(0x4E00); len(kanji) < 190; c += 3 {
		if testFont(t).Missing(string(c)) == nil {
			kanji = append(kanji, c)
		}
	}
	recipient := string(kanji) + "𠀋" // U+2000B, beyond the BMP, in IPAexGothic's format 12 cmap
	r, err := quote.NewRenderer(testFont(t), quote.Seller{Name: "株式会社ジェイストア", Address: string(kanji[100:]) + " 1-2-3", Phone: "03-1234-5678"})
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: recipient, Domain: "例え.jp"})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	text := testkit.PDFText(t, buf.Bytes())
	for _, c := range append(kanji, '𠀋') {
		assert.Contains(t, text, string(c))
	}
	assertInOrder(t, text, "御見積書", "御中", "ドメイン認証SSL", "合計", "例え.jp")
	assert.GreaterOrEqual(t, strings.Count(buf.String(), "/Subtype /TrueType"), 2, "more than one font")
}

// TestRenderShrinksWideAmounts: a total too wide for its cell is set smaller instead of running
// into the label beside it.
func TestRenderShrinksWideAmounts(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "UCC_EV_SSL", Term: 3, SANSlots: 100, Quantity: 900}}, Recipient: "Example KK"})
	require.NoError(t, err)
	require.Greater(t, q.Total, int64(999_999_999), "a ten-digit total")
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.English))
	words := pdfWords(t, buf.Bytes())
	label := slices.IndexFunc(words, func(w wordBox) bool { return w.word == "amount" })
	require.GreaterOrEqual(t, label, 0)
	require.Less(t, label+1, len(words))
	assert.True(t, strings.HasPrefix(words[label+1].word, "¥"), "the amount follows the label: %+v", words[label+1])
	assert.LessOrEqual(t, words[label].xMax, words[label+1].xMin, "the amount does not run into the label")
}

func TestRenderEnglish(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "OV_SSL", Term: 2, Quantity: 1}}, Recipient: "Example Inc.", Domain: "example.com"})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.English))
	assertInOrder(t, testkit.PDFText(t, buf.Bytes()), "QUOTATION", "Quote No.", "2026-11-25", "2026-12-25", "Example Inc.",
		"Item", "Qty", "Unit price", "Amount", "Organization Validated SSL", "2 yr", "¥58,000", "Subject to 10% (excl. tax)", "Consumption tax", "¥5,800", "Total", "¥63,800", "example.com")
	assert.Error(t, r.Render(&buf, q, "fr"))
}

func TestRenderIsDeterministic(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}, Recipient: "株式会社サンプル"})
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, r.Render(&a, q, quote.Japanese))
	require.NoError(t, r.Render(&b, q, quote.Japanese))
	assert.Equal(t, a.Bytes(), b.Bytes())
	golden(t, "one-line-ja.pdf", a.Bytes())
}

func TestRendererRefuses(t *testing.T) {
	t.Parallel()
	f := testFont(t)
	for name, s := range map[string]quote.Seller{
		"no name":            {},
		"bad registration":   {Name: "A", RegistrationNumber: "T123"},
		"control characters": {Name: "A\x00"},
		"seal not PNG":       {Name: "A", SealPNG: []byte("GIF89a")},
	} {
		_, err := quote.NewRenderer(f, s)
		assert.Error(t, err, name)
	}
	_, err := quote.NewRenderer(nil, seller)
	assert.Error(t, err)
	r, err := quote.NewRenderer(f, seller)
	require.NoError(t, err)
	var buf bytes.Buffer
	assert.Error(t, r.Render(&buf, quote.Quote{}, quote.Japanese), "an empty quote")
	assert.Zero(t, buf.Len(), "nothing written")
}

func TestRenderWithSeal(t *testing.T) {
	t.Parallel()
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for x := range 40 {
		img.Set(x, x, color.RGBA{200, 0, 0, 255})
	}
	var png bytes.Buffer
	require.NoError(t, pngEncode(&png, img))
	s := seller
	s.SealPNG = png.Bytes()
	r, err := quote.NewRenderer(testFont(t), s)
	require.NoError(t, err)
	q, err := newQuoter(t).Quote(t.Context(), quote.Request{Lines: []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.Render(&buf, q, quote.Japanese))
	assert.Contains(t, buf.String(), "/Subtype /Image", "the seal is embedded")
}

// TestNoNumberForAQuoteThatCannotBeDrawn: a quote whose recipient holds a character no font
// draws is refused by DrawableBy before it takes a number, so the next quote takes the number
// that follows the last one issued: the series has no gap.
func TestNoNumberForAQuoteThatCannotBeDrawn(t *testing.T) {
	t.Parallel()
	r, err := quote.NewRenderer(testFont(t), seller)
	require.NoError(t, err)
	q := newQuoter(t)
	ctx := t.Context()
	line := []quote.LineRequest{{ProductCode: "DV_SSL", Term: 1, Quantity: 1}}
	first, err := q.Quote(ctx, quote.Request{Lines: line, Recipient: "株式会社サンプル"}, quote.DrawableBy(r, quote.Japanese))
	require.NoError(t, err)
	undrawable := "株式会社" + string(rune(0x1FB00)) // a block-sextant character IPAexGothic lacks
	require.NotEmpty(t, testFont(t).Missing(undrawable), "the font lacks it")
	_, err = q.Quote(ctx, quote.Request{Lines: line, Recipient: undrawable}, quote.DrawableBy(r, quote.Japanese))
	var ge *quote.GlyphError
	require.ErrorAs(t, err, &ge)
	next, err := q.Quote(ctx, quote.Request{Lines: line, Recipient: "株式会社サンプル"}, quote.DrawableBy(r, quote.Japanese))
	require.NoError(t, err)
	assert.Equal(t, "Q-20261125-00001", first.Number)
	assert.Equal(t, "Q-20261125-00002", next.Number, "the refused quote took no number")
	assert.Error(t, r.Check(first, "fr"), "an unknown language")
}
