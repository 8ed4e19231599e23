package ttf

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"
	"unicode"
)

// Font is what subsetting needs of a TrueType font, read once by Parse, so that no document
// parses the whole font (megabytes, some 12,000 glyphs for IPAexGothic). It is read-only and
// safe for concurrent use.
type Font struct {
	tables    map[string][]byte
	numGlyphs int
	numHM     int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	cmap      map[rune]uint16
}

var errSubset = errors.New("font tables are inconsistent")

func parseTables(tables map[string][]byte) (*Font, error) {
	p := &Font{tables: tables, cmap: map[rune]uint16{}}
	be := binary.BigEndian
	p.numGlyphs = int(be.Uint16(tables["maxp"][4:]))
	p.numHM = int(be.Uint16(tables["hhea"][34:]))
	if p.numGlyphs == 0 || p.numHM > p.numGlyphs || len(tables["hmtx"]) < 4*p.numHM+2*(p.numGlyphs-p.numHM) {
		return nil, errSubset
	}
	loca, glyfLen := tables["loca"], uint32(len(tables["glyf"]))
	long := be.Uint16(tables["head"][50:]) == 1
	p.loca = make([]uint32, p.numGlyphs+1)
	for i := range p.loca {
		switch {
		case long && len(loca) >= 4*(i+1):
			p.loca[i] = be.Uint32(loca[4*i:])
		case !long && len(loca) >= 2*(i+1):
			p.loca[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		default:
			return nil, errSubset
		}
		if p.loca[i] > glyfLen || (i > 0 && p.loca[i] < p.loca[i-1]) {
			return nil, errSubset
		}
	}
	if err := p.parseCmap(tables["cmap"]); err != nil {
		return nil, err
	}
	return p, nil
}

// parseCmap reads the Unicode subtables into a rune → glyph map: the (3,1) or Unicode format 4
// for the BMP, which must be there, and a (3,10) or Unicode format 12, where present, for the
// characters beyond it (𠮷 U+20BB7 is common in company names).
func (p *Font) parseCmap(cmap []byte) error {
	be := binary.BigEndian
	n := int(be.Uint16(cmap[2:]))
	bmp := false
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if !(platform == 3 && (encoding == 1 || encoding == 10) || platform == 0) || off+16 > len(cmap) {
			continue
		}
		switch be.Uint16(cmap[off:]) {
		case 4:
			if !bmp {
				if err := p.parseFormat4(cmap[off:]); err != nil {
					return err
				}
				bmp = true
			}
		case 12:
			if err := p.parseFormat12(cmap[off:]); err != nil {
				return err
			}
		}
	}
	if !bmp {
		return errSubset
	}
	return nil
}

// parseFormat4 reads a format 4 (segmented BMP) subtable.
func (p *Font) parseFormat4(t []byte) error {
	be := binary.BigEndian
	segs := int(be.Uint16(t[6:])) / 2
	end, start, delta, rangeOff := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if len(t) < 16+8*segs {
		return errSubset
	}
	prevEnd := rune(-1)
	for s := range segs {
		e, st := rune(be.Uint16(t[end+2*s:])), rune(be.Uint16(t[start+2*s:]))
		// Segments ascend without overlap, so the walk below covers each code once: a
		// hostile table cannot make loading slow.
		if st <= prevEnd || e < st {
			return errSubset
		}
		prevEnd = e
		d, ro := be.Uint16(t[delta+2*s:]), int(be.Uint16(t[rangeOff+2*s:]))
		for c := st; c <= e && c != 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + d
			} else {
				at := rangeOff + 2*s + ro + 2*int(c-st)
				if at+2 > len(t) {
					return errSubset
				}
				if g = be.Uint16(t[at:]); g != 0 {
					g += d
				}
			}
			if g != 0 && int(g) < p.numGlyphs {
				p.cmap[c] = g
			}
		}
	}
	return nil
}

// maxSupplementary bounds the characters beyond the BMP read from a font: real fonts map a few
// thousand, and a hostile table could otherwise claim a million.
const maxSupplementary = 1 << 16

// parseFormat12 reads the characters beyond the BMP from a format 12 (segmented coverage)
// subtable; the BMP comes from format 4.
func (p *Font) parseFormat12(t []byte) error {
	be := binary.BigEndian
	groups := int(be.Uint32(t[12:]))
	if groups < 0 || groups > (len(t)-16)/12 {
		return errSubset
	}
	added := 0
	prevEnd := int64(-1)
	for i := range groups {
		g := t[16+12*i:]
		st, e, glyph := int64(be.Uint32(g)), int64(be.Uint32(g[4:])), int64(be.Uint32(g[8:]))
		if st <= prevEnd || e < st || e > unicode.MaxRune {
			return errSubset
		}
		prevEnd = e
		for c := max(st, 0x10000); c <= e; c++ {
			id := glyph + c - st
			if id >= int64(p.numGlyphs) {
				break
			}
			if added++; added > maxSupplementary {
				return errSubset
			}
			if id != 0 {
				p.cmap[rune(c)] = uint16(id)
			}
		}
	}
	return nil
}

// glyph returns the outline data of glyph g.
func (p *Font) glyph(g int) []byte { return p.tables["glyf"][p.loca[g]:p.loca[g+1]] }

// metrics returns glyph g's advance width and left side bearing.
func (p *Font) metrics(g int) (uint16, int16) {
	h := p.tables["hmtx"]
	if g < p.numHM {
		return binary.BigEndian.Uint16(h[4*g:]), int16(binary.BigEndian.Uint16(h[4*g+2:]))
	}
	adv := binary.BigEndian.Uint16(h[4*(p.numHM-1):])
	return adv, int16(binary.BigEndian.Uint16(h[4*p.numHM+2*(g-p.numHM):]))
}

// Composite glyph flags (TrueType 'glyf').
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components calls fn with the offset of each component's glyph index in composite glyph data.
func components(data []byte, fn func(at int)) {
	if len(data) < compositeHeader || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	for at := compositeHeader; at+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// Subset returns a TrueType font holding .notdef and the glyphs of runes (with the parts of
// composite glyphs), renumbered in their original order, with its own cmap, hmtx, loca and glyf
// and the other tables copied. Runes the font lacks are left out.
func (p *Font) Subset(runes []rune) []byte {
	keep := map[int]bool{0: true}
	var queue []int
	for _, r := range runes {
		if g, ok := p.cmap[r]; ok && !keep[int(g)] {
			keep[int(g)] = true
			queue = append(queue, int(g))
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data := p.glyph(g)
		components(data, func(at int) {
			c := int(binary.BigEndian.Uint16(data[at:]))
			if c < p.numGlyphs && !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}

	be := binary.BigEndian
	var glyf []byte
	loca := make([]byte, 4*(len(old)+1))
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		data := slices.Clone(p.glyph(g))
		components(data, func(at int) {
			be.PutUint16(data[at:], newID[int(be.Uint16(data[at:]))])
		})
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv, lsb := p.metrics(g)
		be.PutUint16(hmtx[4*i:], adv)
		be.PutUint16(hmtx[4*i+2:], uint16(lsb))
	}
	be.PutUint32(loca[4*len(old):], uint32(len(glyf)))

	out := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": p.cmapFor(runes, newID)}
	head := slices.Clone(p.tables["head"])
	be.PutUint32(head[8:], 0)  // checkSumAdjustment: not verified by PDF readers
	be.PutUint16(head[50:], 1) // long loca
	out["head"] = head
	hhea := slices.Clone(p.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(len(old)))
	out["hhea"] = hhea
	maxp := slices.Clone(p.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(len(old)))
	out["maxp"] = maxp
	post := slices.Clone(p.tables["post"][:32])
	be.PutUint32(post, 0x00030000) // no glyph names: they would not match the new numbering
	out["post"] = post
	for _, tag := range []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"} {
		if t, ok := p.tables[tag]; ok {
			out[tag] = t
		}
	}
	return assemble(out)
}

// cmapFor builds the subset's cmap: a (3,1) format 4 subtable when every character is in the
// BMP. Otherwise (3,1) and (3,10) share a format 12 subtable holding every character, since
// PDF viewers (poppler among them) look characters up in the (3,1) subtable only, and a
// (0,3) format 4 keeps the BMP for readers that want one.
func (p *Font) cmapFor(runes []rune, newID map[int]uint16) []byte {
	var codes []rune
	seen := map[rune]bool{}
	for _, r := range runes {
		if _, ok := p.cmap[r]; ok && !seen[r] {
			seen[r] = true
			codes = append(codes, r)
		}
	}
	slices.Sort(codes)
	type record struct {
		platform, encoding uint16
		table              int // index into tables
	}
	tables := [][]byte{p.format4(codes, newID)}
	records := []record{{3, 1, 0}}
	if len(codes) > 0 && codes[len(codes)-1] > 0xFFFF {
		tables = append(tables, p.format12(codes, newID))
		records = []record{{0, 3, 0}, {3, 1, 1}, {3, 10, 1}}
	}
	be := binary.BigEndian
	out := make([]byte, 4+8*len(records))
	be.PutUint16(out[2:], uint16(len(records)))
	offsets := make([]int, len(tables))
	for i, t := range tables {
		offsets[i] = len(out)
		out = append(out, t...)
	}
	for i, r := range records {
		be.PutUint16(out[4+8*i:], r.platform)
		be.PutUint16(out[6+8*i:], r.encoding)
		be.PutUint32(out[8+8*i:], uint32(offsets[r.table]))
	}
	return out
}

// format4 maps the BMP codes among codes (sorted), one segment each.
func (p *Font) format4(codes []rune, newID map[int]uint16) []byte {
	bmp := codes[:0:0]
	for _, c := range codes {
		if c < 0xFFFF {
			bmp = append(bmp, c)
		}
	}
	segs := len(bmp) + 1 // one segment per code, and the final 0xFFFF
	be := binary.BigEndian
	t := make([]byte, 16+8*segs)
	be.PutUint16(t[0:], 4)
	be.PutUint16(t[2:], uint16(len(t)))
	be.PutUint16(t[6:], uint16(2*segs))
	pow := 1
	for pow*2 <= segs {
		pow *= 2
	}
	be.PutUint16(t[8:], uint16(2*pow))
	be.PutUint16(t[10:], uint16(bitsLen(pow)))
	be.PutUint16(t[12:], uint16(2*(segs-pow)))
	end, start, delta := 14, 16+2*segs, 16+4*segs
	for i, c := range bmp {
		g := newID[int(p.cmap[c])]
		be.PutUint16(t[end+2*i:], uint16(c))
		be.PutUint16(t[start+2*i:], uint16(c))
		be.PutUint16(t[delta+2*i:], g-uint16(c))
	}
	be.PutUint16(t[end+2*len(bmp):], 0xFFFF)
	be.PutUint16(t[start+2*len(bmp):], 0xFFFF)
	be.PutUint16(t[delta+2*len(bmp):], 1)
	return t
}

// format12 maps every code among codes (sorted), one group each.
func (p *Font) format12(codes []rune, newID map[int]uint16) []byte {
	be := binary.BigEndian
	t := make([]byte, 16+12*len(codes))
	be.PutUint16(t[0:], 12)
	be.PutUint32(t[4:], uint32(len(t)))
	be.PutUint32(t[12:], uint32(len(codes)))
	for i, c := range codes {
		g := t[16+12*i:]
		be.PutUint32(g, uint32(c))
		be.PutUint32(g[4:], uint32(c))
		be.PutUint32(g[8:], uint32(newID[int(p.cmap[c])]))
	}
	return t
}

func bitsLen(pow int) int {
	n := 0
	for pow > 1 {
		pow >>= 1
		n++
	}
	return n
}

// assemble writes an sfnt file: the table directory in tag order, each table 4-byte aligned.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	be := binary.BigEndian
	n := len(tags)
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(16*pow))
	be.PutUint16(out[8:], uint16(bitsLen(pow)))
	be.PutUint16(out[10:], uint16(16*(n-pow)))
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(data))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
