package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
)

// gofpdf writes neither a ToUnicode map for a simple TrueType font (viewers that do not read
// glyph names then copy and search nothing useful) nor a time zone in the document dates.
// Finish adds both to its output: each object is cut out by the xref table's offsets,
// edited, and written back with a new xref table.

var (
	xrefEntry  = regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) ([nf]) ?\r?$`)
	sizeEntry  = regexp.MustCompile(`/Size \d+`)
	pdfDate    = regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})\)`)
	errPDFForm = errors.New("pdftext: unexpected PDF structure from gofpdf")
)

// Finish adds a ToUnicode CMap to each font of fonts (BaseFont name → code → character) and
// the zone of at to the document dates.
func Finish(pdf []byte, fonts map[string]map[byte]rune, at time.Time) ([]byte, error) {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	trailer := bytes.LastIndex(pdf, []byte("\ntrailer\n"))
	startxref := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if xref < 0 || trailer < xref || startxref < trailer {
		return nil, errPDFForm
	}
	type object struct {
		num, off int
	}
	if !bytes.HasPrefix(pdf[xref:], []byte("\nxref\n0 ")) {
		return nil, errPDFForm // one subsection from object 0: entry i is object i
	}
	var objs []object
	for i, m := range xrefEntry.FindAllSubmatch(pdf[xref:trailer], -1) {
		if string(m[3]) == "n" {
			off, _ := strconv.Atoi(string(m[1]))
			if off <= 0 || off >= xref {
				return nil, errPDFForm
			}
			objs = append(objs, object{num: i, off: off})
		}
	}
	if len(objs) == 0 {
		return nil, errPDFForm
	}
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })
	next := len(objs) + 1 // object numbers run from 1 without gaps in gofpdf's output
	var out bytes.Buffer
	out.Grow(len(pdf) + 4<<10)
	out.Write(pdf[:objs[0].off])
	offsets := make(map[int]int, len(objs)+len(fonts))
	var cmaps [][]byte
	zone := at.Format("-07'00'")
	for i, o := range objs {
		end := xref + 1
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		body := pdf[o.off:end]
		if name, ok := fontName(body); ok {
			if codes, ok := fonts[name]; ok {
				body = bytes.Replace(body, []byte("<</Type /Font\n"), fmt.Appendf(nil, "<</Type /Font\n/ToUnicode %d 0 R\n", next+len(cmaps)), 1)
				cmaps = append(cmaps, toUnicode(codes))
			}
		}
		if bytes.Contains(body, []byte("/CreationDate (D:")) { // the Info dictionary, not a font's bytes
			body = pdfDate.ReplaceAll(body, []byte("/$1 (D:$2"+zone+")"))
		}
		offsets[o.num] = out.Len()
		out.Write(body)
	}
	for i, cm := range cmaps {
		offsets[next+i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", next+i, len(cm), cm)
	}
	size := next + len(cmaps)
	xrefAt := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		off, ok := offsets[n]
		if !ok {
			return nil, errPDFForm
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	tr := sizeEntry.ReplaceAll(pdf[trailer+1:startxref+1], fmt.Appendf(nil, "/Size %d", size))
	out.Write(tr)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xrefAt)
	return out.Bytes(), nil
}

// UnicodeByFont is each font's code → character map, by BaseFont name.
func (d *Fonts) UnicodeByFont() map[string]map[byte]rune {
	out := make(map[string]map[byte]rune, len(d.widths))
	for i := range d.widths {
		m := make(map[byte]rune, 256)
		for c := asciiFirst; c <= asciiLast; c++ {
			m[byte(c)] = rune(c)
		}
		out[baseFontName(i)] = m
	}
	for r, pl := range d.places {
		out[baseFontName(pl.font)][pl.code] = r
	}
	return out
}

var baseFont = regexp.MustCompile(`\A\d+ 0 obj\n<</Type /Font\n/BaseFont /([A-Z]{6}\+JapaneseGothic)\n/Subtype /TrueType\n`)

func fontName(obj []byte) (string, bool) {
	m := baseFont.FindSubmatch(obj)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

// toUnicode is the CMap that maps each code of a font to its character (UTF-16BE).
func toUnicode(codes map[byte]rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	keys := make([]int, 0, len(codes))
	for c := range codes {
		keys = append(keys, int(c))
	}
	slices.Sort(keys)
	for len(keys) > 0 {
		n := min(len(keys), 100) // at most 100 entries per block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range keys[:n] {
			fmt.Fprintf(&b, "<%02X> <", c)
			for _, u := range utf16.Encode([]rune{codes[byte(c)]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		keys = keys[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}
