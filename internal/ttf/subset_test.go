package ttf

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSubsetRoundTrips(t *testing.T) {
	t.Parallel()
	f := testFont(t)
	runes := []rune("御見積書¥0123 ABC株式会社")
	sub := f.Subset(runes)
	again, err := Parse(sub)
	require.NoError(t, err, "the subset is itself a valid font")
	p := again
	for _, r := range runes {
		g, ok := p.cmap[r]
		require.True(t, ok, "%q is mapped", r)
		old := f.cmap[r]
		orig, copied := f.glyph(int(old)), p.glyph(int(g))
		require.GreaterOrEqual(t, len(copied), len(orig))
		if len(orig) == 0 || int16(binary.BigEndian.Uint16(orig)) >= 0 {
			assert.Equal(t, orig, copied[:len(orig)], "%q keeps its outline (padding aside)", r)
		}
		wantAdv, _ := f.metrics(int(old))
		gotAdv, _ := p.metrics(int(g))
		assert.Equal(t, wantAdv, gotAdv, "%q keeps its advance width", r)
	}
	assert.Less(t, p.numGlyphs, 40, "only the needed glyphs")
	assert.Less(t, len(sub), 64<<10)
	assert.Equal(t, sub, f.Subset(runes), "deterministic")
	_, has := p.cmap['鬱']
	assert.False(t, has, "runes not asked for are left out")
}

func TestComponentsFindGlyphIndices(t *testing.T) {
	t.Parallel()
	// A composite glyph: header, then one component (flags, glyph index, two byte arguments).
	comp := make([]byte, 10+6)
	binary.BigEndian.PutUint16(comp, 0xFFFF) // numberOfContours −1
	binary.BigEndian.PutUint16(comp[10:], 0) // flags: byte args, no more components
	binary.BigEndian.PutUint16(comp[12:], 2) // component: glyph 2
	simple := bytes.Repeat([]byte{0, 1}, 6)  // a simple glyph (one contour)
	glyf := append(append(append([]byte(nil), simple...), comp...), simple...)
	p := &Font{
		tables:    map[string][]byte{"glyf": glyf, "hmtx": bytes.Repeat([]byte{0, 100, 0, 0}, 3)},
		numGlyphs: 3, numHM: 3,
		loca: []uint32{0, 12, 28, 40},
		cmap: map[rune]uint16{'A': 1},
	}
	var got []int
	components(p.glyph(1), func(at int) { got = append(got, int(binary.BigEndian.Uint16(p.glyph(1)[at:]))) })
	assert.Equal(t, []int{2}, got)
}

func TestHostileCmapIsRefused(t *testing.T) {
	t.Parallel()
	// Two segments that both cover 0x0000–0xFFFE would map 131,070 codes: refused.
	segs := 3
	tab := make([]byte, 16+8*segs)
	binary.BigEndian.PutUint16(tab, 4)
	binary.BigEndian.PutUint16(tab[6:], uint16(2*segs))
	for s, e := range []uint16{0xFFFE, 0xFFFE, 0xFFFF} {
		binary.BigEndian.PutUint16(tab[14+2*s:], e)
	}
	binary.BigEndian.PutUint16(tab[16+2*segs+4:], 0xFFFF)
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, tab...)
	p := &Font{cmap: map[rune]uint16{}, numGlyphs: 10}
	assert.ErrorIs(t, p.parseCmap(cmap), errSubset)
}

// TestSubsetBeyondBMP: a character beyond the BMP that the font has (U+2000B, from its format 12
// cmap) keeps its outline in the subset, found through a (3,10) format 12 subtable.
func TestSubsetBeyondBMP(t *testing.T) {
	t.Parallel()
	f := testFont(t)
	old, ok := f.cmap[0x2000B]
	require.True(t, ok, "IPAexGothic maps U+2000B")
	sub := f.Subset([]rune("株𠀋"))
	again, err := Parse(sub)
	require.NoError(t, err)
	g, ok := again.cmap[0x2000B]
	require.True(t, ok, "the subset maps U+2000B")
	assert.NotEmpty(t, again.glyph(int(g)))
	orig := f.glyph(int(old))
	assert.Equal(t, orig, again.glyph(int(g))[:len(orig)])
	_, ok = again.cmap['株']
	assert.True(t, ok, "the BMP still maps")
}

func TestHostileFormat12(t *testing.T) {
	t.Parallel()
	group := func(st, e, g uint32) []byte {
		b := make([]byte, 12)
		binary.BigEndian.PutUint32(b, st)
		binary.BigEndian.PutUint32(b[4:], e)
		binary.BigEndian.PutUint32(b[8:], g)
		return b
	}
	table := func(groups ...[]byte) []byte {
		t := make([]byte, 16)
		binary.BigEndian.PutUint16(t, 12)
		binary.BigEndian.PutUint32(t[12:], uint32(len(groups)))
		for _, g := range groups {
			t = append(t, g...)
		}
		return t
	}
	tests := []struct {
		name  string
		table []byte
		err   bool
		maps  int
	}{
		{"the whole range, bounded by the glyph count", table(group(0x10000, 0x10FFFF, 1)), false, 9},
		{"overlapping groups", table(group(0x20000, 0x20010, 1), group(0x20005, 0x20006, 1)), true, 0},
		{"beyond Unicode", table(group(0x10FFFF, 0x7FFFFFFF, 1)), true, 0},
		{"more groups than bytes", append(table(), 0xFF), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "more groups than bytes" {
				binary.BigEndian.PutUint32(tt.table[12:], 1<<30)
			}
			p := &Font{cmap: map[rune]uint16{}, numGlyphs: 10}
			err := p.parseFormat12(tt.table)
			if tt.err {
				assert.ErrorIs(t, err, errSubset)
				return
			}
			require.NoError(t, err)
			assert.Len(t, p.cmap, tt.maps)
		})
	}
}
