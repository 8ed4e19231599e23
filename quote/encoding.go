package quote

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/phpdave11/gofpdf"
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

// docFonts are one document's fonts.
type docFonts struct {
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

// addFonts plans the fonts for the characters a document draws and registers them with pdf.
func (r *Renderer) addFonts(pdf *gofpdf.Fpdf, text []rune) (*docFonts, error) {
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
	// Characters the main font lacks come from the fallback (Render has refused any that
	// neither has), in fonts of their own after the main font's.
	var own, borrowed []rune
	for _, c := range extras {
		if _, ok := r.font.parsed.cmap[c]; ok || r.fallback == nil {
			own = append(own, c)
		} else {
			borrowed = append(borrowed, c)
		}
	}
	d := &docFonts{places: make(map[rune]place, len(extras))}
	i := 0
	for start := 0; start == 0 || start < len(own); start += extraPerFont {
		if err := r.addFont(pdf, d, r.font.parsed, i, ascii, own[start:min(start+extraPerFont, len(own))]); err != nil {
			return nil, err
		}
		i++
	}
	for start := 0; start < len(borrowed); start += extraPerFont {
		if err := r.addFont(pdf, d, r.fallback.parsed, i, ascii, borrowed[start:min(start+extraPerFont, len(borrowed))]); err != nil {
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
	Desc         fontDesc
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
}

type fontDesc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

// addFont makes font i, a subset of p: the document's ASCII characters under their own codes,
// and chunk under the codes from 127.
func (r *Renderer) addFont(pdf *gofpdf.Fpdf, d *docFonts, p *parsedFont, i int, ascii, chunk []rune) error {
	ttf := p.subset(slices.Concat(ascii, chunk))

	var widths [256]int
	for c := asciiFirst; c <= asciiLast; c++ {
		widths[c] = p.width(rune(c))
	}
	var diff strings.Builder
	diff.WriteString(fmt.Sprint(firstExtra))
	for j, c := range chunk {
		code := byte(firstExtra + j)
		d.places[c] = place{font: i, code: code}
		widths[code] = p.width(c)
		if c <= 0xFFFF {
			fmt.Fprintf(&diff, " /uni%04X", c)
		} else {
			fmt.Fprintf(&diff, " /u%X", c) // the glyph-name form for characters beyond the BMP
		}
	}
	d.widths = append(d.widths, widths)

	z, err := r.compress(ttf)
	if err != nil {
		return err
	}
	def := fontDef{
		Tp: "TrueType", Name: baseFontName(i),
		Desc: p.descriptor(), Up: p.scaled(p.underline()), Ut: 50,
		Cw: widths[:], Diff: diff.String(), File: fontFamily(i) + ".z", OriginalSize: len(ttf),
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

// compress zlib-compresses b with a writer kept by the Renderer: a new writer allocates about
// a megabyte.
func (r *Renderer) compress(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b) / 2)
	zw := r.zlib.Get().(*zlib.Writer)
	defer r.zlib.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func newZlibPool() *sync.Pool {
	return &sync.Pool{New: func() any {
		zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
		return zw
	}}
}

// runs encodes s as pieces of text per font. ASCII joins whichever font is current, so a line
// of one script is one run.
func (d *docFonts) runs(s string) []run {
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
func (d *docFonts) runeWidth(c rune, size float64) float64 {
	units := d.widths[0]['?']
	if c >= asciiFirst && c <= asciiLast {
		units = d.widths[0][c]
	} else if pl, ok := d.places[c]; ok {
		units = d.widths[pl.font][pl.code]
	}
	return float64(units) / unitsPerPoint * size / pointsPerMM
}

// width is the width of runs at size points, in millimetres.
func (d *docFonts) width(rs []run, size float64) float64 {
	units := 0
	for _, r := range rs {
		for i := 0; i < len(r.text); i++ {
			units += d.widths[r.font][r.text[i]]
		}
	}
	return float64(units) / unitsPerPoint * size / pointsPerMM
}

// Font metrics for the PDF font descriptor, in 1000 units per em.

func (p *parsedFont) unitsPerEm() int {
	if u := int(binary.BigEndian.Uint16(p.tables["head"][18:])); u > 0 {
		return u
	}
	return 1000
}

func (p *parsedFont) scaled(v int) int { return v * 1000 / p.unitsPerEm() }

func (p *parsedFont) width(c rune) int {
	g, ok := p.cmap[c]
	if !ok {
		g = 0
	}
	adv, _ := p.metrics(int(g))
	return p.scaled(int(adv))
}

func (p *parsedFont) underline() int {
	if post := p.tables["post"]; len(post) >= 10 {
		return int(int16(binary.BigEndian.Uint16(post[8:])))
	}
	return -100
}

func (p *parsedFont) descriptor() fontDesc {
	be := binary.BigEndian
	head, hhea := p.tables["head"], p.tables["hhea"]
	i16 := func(b []byte, at int) int { return int(int16(be.Uint16(b[at:]))) }
	var d fontDesc
	d.Ascent, d.Descent = p.scaled(i16(hhea, 4)), p.scaled(i16(hhea, 6))
	d.CapHeight = d.Ascent
	if os2 := p.tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		d.CapHeight = p.scaled(i16(os2, 88))
	}
	d.Flags = 32 // nonsymbolic: glyphs are found by name through the Unicode cmap
	d.FontBBox.Xmin, d.FontBBox.Ymin = p.scaled(i16(head, 36)), p.scaled(i16(head, 38))
	d.FontBBox.Xmax, d.FontBBox.Ymax = p.scaled(i16(head, 40)), p.scaled(i16(head, 42))
	d.StemV = 70
	d.MissingWidth = p.width(0)
	return d
}
