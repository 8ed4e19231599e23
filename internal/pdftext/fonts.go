package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/phpdave11/gofpdf"

	"github.com/jstore-sdk/sdk/internal/ttf"
)

// A document's text is drawn with simple (single-byte) TrueType fonts, each a subset of the
// Japanese font: printable ASCII keeps its own code in every one of them, and up to 129 other
// characters take the codes 127 to 255, named uniXXXX in the font's /Differences so that text
// extraction finds the Unicode. A document with more distinct characters gets more fonts.
// gofpdf embeds such fonts as given, without its UTF-8 font pipeline, which would parse the
// font again, build a 65,536-entry width table, JSON-encode it to name the font, and compress
// a 128 KiB CID map for every document.
const (
	firstExtra    = 127
	extraPerFont  = 256 - firstExtra
	asciiFirst    = 0x20
	asciiLast     = 0x7e
	unitsPerPoint = 1000.0
	pointsPerMM   = 72 / 25.4
)

// place is where a non-ASCII character lives: which font, which code.
type place struct {
	font int
	code byte
}

// Fonts are one document's fonts: which font and code draws each character, and the widths.
type Fonts struct {
	widths [][256]int // per font, 1000-unit advance widths by code
	places map[rune]place
}

// run is a piece of text in one font, already encoded.
type run struct {
	font int
	text string
}

func fontFamily(i int) string { return fmt.Sprintf("jp%d", i) }

// baseFontName is font i's PostScript name in the PDF, with the subset tag PDF asks for.
func baseFontName(i int) string { return fmt.Sprintf("JSTQ%c%c+JapaneseGothic", 'A'+i/26%26, 'A'+i%26) }

// Encoder embeds fonts in documents; it keeps zlib writers for them (a new one allocates about
// a megabyte). It is safe for concurrent use.
type Encoder struct {
	zlib *sync.Pool
}

// NewEncoder returns an Encoder.
func NewEncoder() *Encoder {
	return &Encoder{zlib: &sync.Pool{New: func() any {
		zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
		return zw
	}}}
}

// AddFonts plans the fonts for the characters a document draws and registers them with pdf:
// subsets of main, and of fallback (nil for none) for the characters main lacks.
func (e *Encoder) AddFonts(pdf *gofpdf.Fpdf, main, fallback *ttf.Font, text []rune) (*Fonts, error) {
	var ascii, extras []rune
	seen := map[rune]bool{}
	for _, c := range text {
		if c < asciiFirst || seen[c] {
			continue
		}
		seen[c] = true
		if c <= asciiLast {
			ascii = append(ascii, c)
		} else {
			extras = append(extras, c)
		}
	}
	slices.Sort(extras)
	// Characters the main font lacks come from the fallback (the caller has refused any that
	// neither has), in fonts of their own after the main font's.
	var own, borrowed []rune
	for _, c := range extras {
		if main.Has(c) || fallback == nil {
			own = append(own, c)
		} else {
			borrowed = append(borrowed, c)
		}
	}
	d := &Fonts{places: make(map[rune]place, len(extras))}
	i := 0
	for start := 0; start == 0 || start < len(own); start += extraPerFont {
		if err := e.addFont(pdf, d, main, i, ascii, own[start:min(start+extraPerFont, len(own))]); err != nil {
			return nil, err
		}
		i++
	}
	for start := 0; start < len(borrowed); start += extraPerFont {
		if err := e.addFont(pdf, d, fallback, i, ascii, borrowed[start:min(start+extraPerFont, len(borrowed))]); err != nil {
			return nil, err
		}
		i++
	}
	return d, nil
}

// fontDef is the font definition gofpdf reads for a TrueType font (its fontDefType fields).
type fontDef struct {
	Tp           string
	Name         string
	Desc         ttf.Descriptor
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
}

// addFont makes font i, a subset of p: the document's ASCII characters under their own codes,
// and chunk under the codes from 127.
func (e *Encoder) addFont(pdf *gofpdf.Fpdf, d *Fonts, p *ttf.Font, i int, ascii, chunk []rune) error {
	sub := p.Subset(slices.Concat(ascii, chunk))

	var widths [256]int
	for c := asciiFirst; c <= asciiLast; c++ {
		widths[c] = p.Width(rune(c))
	}
	var diff strings.Builder
	diff.WriteString(fmt.Sprint(firstExtra))
	for j, c := range chunk {
		code := byte(firstExtra + j)
		d.places[c] = place{font: i, code: code}
		widths[code] = p.Width(c)
		if c <= 0xFFFF {
			fmt.Fprintf(&diff, " /uni%04X", c)
		} else {
			fmt.Fprintf(&diff, " /u%X", c) // the glyph-name form for characters beyond the BMP
		}
	}
	d.widths = append(d.widths, widths)

	z, err := e.compress(sub)
	if err != nil {
		return err
	}
	def := fontDef{
		Tp: "TrueType", Name: baseFontName(i),
		Desc: p.Descriptor(), Up: p.Underline(), Ut: 50,
		Cw: widths[:], Diff: diff.String(), File: fontFamily(i) + ".z", OriginalSize: len(sub),
	}
	if len(chunk) == 0 {
		def.Diff = ""
	}
	js, err := json.Marshal(def)
	if err != nil {
		return err
	}
	pdf.AddFontFromBytes(fontFamily(i), "", js, z)
	return pdf.Error()
}

// compress zlib-compresses b with a kept writer.
func (e *Encoder) compress(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b) / 2)
	zw := e.zlib.Get().(*zlib.Writer)
	defer e.zlib.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// runs encodes s as pieces of text per font. ASCII joins whichever font is current, so a line
// of one script is one run.
func (d *Fonts) runs(s string) []run {
	var out []run
	var b []byte
	font := -1
	flush := func() {
		if len(b) > 0 {
			out = append(out, run{font: max(font, 0), text: string(b)})
			b = b[:0]
		}
	}
	for _, c := range s {
		code, f := byte('?'), font
		if c >= asciiFirst && c <= asciiLast {
			code = byte(c)
		} else if pl, ok := d.places[c]; ok {
			code, f = pl.code, pl.font
		}
		if f != font && font >= 0 {
			flush()
		}
		font = f
		b = append(b, code)
	}
	flush()
	return out
}

// runeWidth is the width of one character at size points, in millimetres.
func (d *Fonts) runeWidth(c rune, size float64) float64 {
	units := d.widths[0]['?']
	if c >= asciiFirst && c <= asciiLast {
		units = d.widths[0][c]
	} else if pl, ok := d.places[c]; ok {
		units = d.widths[pl.font][pl.code]
	}
	return float64(units) / unitsPerPoint * size / pointsPerMM
}

// width is the width of runs at size points, in millimetres.
func (d *Fonts) width(rs []run, size float64) float64 {
	units := 0
	for _, r := range rs {
		for i := 0; i < len(r.text); i++ {
			units += d.widths[r.font][r.text[i]]
		}
	}
	return float64(units) / unitsPerPoint * size / pointsPerMM
}
