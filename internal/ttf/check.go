package ttf

import (
	"encoding/binary"
	"errors"
)

// Parse checks that b is a TrueType font with the tables a PDF needs (a Unicode cmap, glyf and
// loca, metrics) and whose licence allows embedding, and reads what subsetting needs. An error
// says in a few words what is wrong with the font.
func Parse(b []byte) (*Font, error) {
	tables, err := checkTrueType(b)
	if err != nil {
		return nil, err
	}
	return parseTables(tables)
}

// checkTrueType validates the sfnt structure the subsetter relies on, so that a document never
// meets a font it cannot read, and returns the tables by tag.
func checkTrueType(b []byte) (map[string][]byte, error) {
	bad := func(why string) (map[string][]byte, error) {
		return nil, errors.New(why)
	}
	if len(b) < 12 {
		return bad("too short")
	}
	switch v := binary.BigEndian.Uint32(b); v {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x4f54544f:
		return bad("CFF-based OpenType (.otf) fonts are not supported; use a .ttf")
	case 0x74746366:
		return bad("font collections (.ttc) are not supported; use a .ttf")
	default:
		return bad("unknown sfnt version")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return bad("truncated table directory")
	}
	tables := map[string][]byte{}
	for i := range n {
		rec := b[12+16*i:]
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(b)) {
			return bad("table " + string(rec[:4]) + " lies outside the file")
		}
		tables[string(rec[:4])] = b[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "glyf", "loca", "name", "post"} {
		if _, ok := tables[t]; !ok {
			return bad("no " + t + " table")
		}
	}
	if len(tables["head"]) < 54 || len(tables["hhea"]) < 36 || len(tables["maxp"]) < 6 || len(tables["post"]) < 32 || len(tables["name"]) < 6 {
		return bad("a required table is truncated")
	}
	if binary.BigEndian.Uint16(tables["head"][18:]) == 0 {
		return bad("unitsPerEm is 0")
	}
	if binary.BigEndian.Uint16(tables["hhea"][34:]) == 0 {
		return bad("no horizontal metrics")
	}
	if os2 := tables["OS/2"]; len(os2) >= 10 {
		if fs := binary.BigEndian.Uint16(os2[8:]); fs == 0x0002 || fs&0x0300 != 0 {
			return bad("its licence forbids embedding")
		}
	}
	if !hasUnicodeCmap(tables["cmap"]) {
		return bad("no Unicode (3,1) format 4 cmap")
	}
	return tables, nil
}

func hasUnicodeCmap(cmap []byte) bool {
	if len(cmap) < 4 {
		return false
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return false
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (platform == 3 && encoding == 1 || platform == 0) && off+2 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
			return true
		}
	}
	return false
}
