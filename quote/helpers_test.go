package quote_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/quote"
)

var tokyo = func() *time.Location {
	l, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	return l
}()

var book = quote.PriceBook{
	List: map[string]map[int]int64{
		"DV_SSL": {1: 10000, 2: 19000, 3: 27000}, "OV_SSL": {1: 30000, 2: 58000, 3: 85000},
		"DV_WILDCARD_SSL": {1: 40000, 2: 78000, 3: 115000}, "UCC_DV_SSL": {1: 20000, 2: 39000, 3: 57000},
		"UCC_OV_SSL": {1: 50000, 2: 98000, 3: 145000}, "EV_SSL": {1: 90000, 2: 175000, 3: 255000},
		"OV_WILDCARD_SSL": {1: 80000, 2: 155000, 3: 228000}, "UCC_EV_SSL": {1: 120000, 2: 235000, 3: 345000},
	},
	PerSlot: map[string]int64{"UCC_DV_SSL": 1000, "UCC_OV_SSL": 2000, "UCC_EV_SSL": 3000},
}

var contracts = map[string]*quote.Contract{
	"gold":   {RatePercent: 85},
	"custom": {Unit: map[string]map[int]int64{"DV_SSL": {1: 7777}}},
}

func lookupContract(_ context.Context, ref string) (*quote.Contract, error) {
	c, ok := contracts[ref]
	if !ok {
		return nil, errors.New("no such contract")
	}
	return c, nil
}

var fixedNow = time.Date(2026, 11, 25, 10, 0, 0, 0, tokyo)

func newQuoter(t testing.TB, mutate ...func(*quote.Config)) *quote.Quoter {
	t.Helper()
	cfg := quote.Config{Catalogue: jstore.DefaultCatalogue(), Book: book, Numberer: &quote.MemoryNumberer{},
		Contract: lookupContract, Now: func() time.Time { return fixedNow }}
	for _, m := range mutate {
		m(&cfg)
	}
	q, err := quote.New(cfg)
	require.NoError(t, err)
	return q
}

var (
	fontOnce sync.Once
	font     *quote.Font
	fontErr  error
)

// testFont is the installed Japanese font; the tests need one (Debian: fonts-ipaexfont-gothic).
func testFont(t testing.TB) *quote.Font {
	t.Helper()
	fontOnce.Do(func() { font, fontErr = quote.FindFont() })
	if fontErr != nil {
		testkit.Missing(t, "no Japanese font installed: apt-get install fonts-ipaexfont-gothic")
	}
	return font
}

// wordBox is a word's box on the page, from pdftotext -bbox.
type wordBox struct {
	xMin, xMax float64
	height     float64 // yMax − yMin, in points: about the type size
	word       string
}

// pdfWords lists the words of a PDF's first page with their horizontal extent.
func pdfWords(t testing.TB, pdf []byte) []wordBox {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testkit.Missing(t, "pdftotext missing: apt-get install poppler-utils")
	}
	cmd := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	require.NoError(t, err)
	var words []wordBox
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		x0, err0 := strconv.ParseFloat(m[1], 64)
		y0, err1 := strconv.ParseFloat(m[2], 64)
		x1, err2 := strconv.ParseFloat(m[3], 64)
		y1, err3 := strconv.ParseFloat(m[4], 64)
		require.NoError(t, errors.Join(err0, err1, err2, err3))
		words = append(words, wordBox{xMin: x0, xMax: x1, height: y1 - y0, word: m[5]})
	}
	return words
}

var seller = quote.Seller{Name: "株式会社ジェイストア", Address: "東京都港区芝公園4-2-8", Phone: "03-1234-5678", RegistrationNumber: "T9234567890123"}
