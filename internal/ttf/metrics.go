package ttf

import (
	"encoding/binary"
	"slices"
)

// Descriptor holds the metrics of a PDF font descriptor, under the names gofpdf's font
// definition uses.
type Descriptor struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

// Has reports whether the font draws c.
func (p *Font) Has(c rune) bool {
	_, ok := p.cmap[c]
	return ok
}

func (p *Font) unitsPerEm() int {
	if u := int(binary.BigEndian.Uint16(p.tables["head"][18:])); u > 0 {
		return u
	}
	return 1000
}

func (p *Font) scaled(v int) int { return v * 1000 / p.unitsPerEm() }

// Width is c's advance in 1000ths of an em (.notdef's when the font lacks c).
func (p *Font) Width(c rune) int {
	g, ok := p.cmap[c]
	if !ok {
		g = 0
	}
	adv, _ := p.metrics(int(g))
	return p.scaled(int(adv))
}

// Underline is the underline position in 1000ths of an em.
func (p *Font) Underline() int {
	if post := p.tables["post"]; len(post) >= 10 {
		return p.scaled(int(int16(binary.BigEndian.Uint16(post[8:]))))
	}
	return p.scaled(-100)
}

// Descriptor is the font's PDF descriptor, in 1000ths of an em.
func (p *Font) Descriptor() Descriptor {
	be := binary.BigEndian
	head, hhea := p.tables["head"], p.tables["hhea"]
	i16 := func(b []byte, at int) int { return int(int16(be.Uint16(b[at:]))) }
	var d Descriptor
	d.Ascent, d.Descent = p.scaled(i16(hhea, 4)), p.scaled(i16(hhea, 6))
	d.CapHeight = d.Ascent
	if os2 := p.tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		d.CapHeight = p.scaled(i16(os2, 88))
	}
	d.Flags = 32 // nonsymbolic: glyphs are found by name through the Unicode cmap
	d.FontBBox.Xmin, d.FontBBox.Ymin = p.scaled(i16(head, 36)), p.scaled(i16(head, 38))
	d.FontBBox.Xmax, d.FontBBox.Ymax = p.scaled(i16(head, 40)), p.scaled(i16(head, 42))
	d.StemV = 70
	d.MissingWidth = p.Width(0)
	return d
}

// Missing lists the characters of rs, beyond controls, that the font has no glyph for.
func (p *Font) Missing(rs []rune) []rune {
	var out []rune
	for _, c := range rs {
		if _, ok := p.cmap[c]; !ok && c >= 0x20 && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}
