package quote

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// MaxFontBytes bounds a font file.
const MaxFontBytes = 64 << 20

// ErrNoFont says no Japanese font was found; its text says how to get one.
var ErrNoFont = errors.New("quote: no Japanese TrueType font found: install one (Debian: apt-get install fonts-ipaexfont-gothic) or pass it with LoadFont or LoadFontFile")

// Font is a validated Japanese TrueType font, parsed once. It is never changed, so one Font
// serves any number of renderers and goroutines; each document embeds a subset of it.
type Font struct {
	parsed *parsedFont
}

// LoadFont checks that b is a TrueType font with the tables a PDF needs (a Unicode cmap,
// glyf and loca, metrics) and that its licence allows embedding. The check runs before any
// PDF byte is written, so a broken font is a clear error.
func LoadFont(b []byte) (*Font, error) {
	tables, err := checkTrueType(b)
	if err != nil {
		return nil, err
	}
	p, err := parseFont(tables)
	if err != nil {
		return nil, fmt.Errorf("quote: font is not a usable TrueType font: %w", err)
	}
	return &Font{parsed: p}, nil
}

// LoadFontFile reads and checks a font file. Only a regular file is read, and never more than
// MaxFontBytes of it: a FIFO, a device such as /dev/zero or a folder is refused before a byte
// is read.
func LoadFontFile(path string) (*Font, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("quote: font: %w", err)
	}
	if err := fontFileFits(path, info); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("quote: font: %w", err)
	}
	defer f.Close()
	// The file may have been swapped since the Stat; judge what was opened.
	if info, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("quote: font: %w", err)
	}
	if err := fontFileFits(path, info); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFontBytes+1))
	if err != nil {
		return nil, fmt.Errorf("quote: font: %w", err)
	}
	if len(b) > MaxFontBytes {
		return nil, fmt.Errorf("quote: font %s is larger than %d bytes", path, MaxFontBytes)
	}
	return LoadFont(b)
}

func fontFileFits(path string, info os.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("quote: font %s is not a regular file (%s)", path, info.Mode().Type())
	}
	if info.Size() > MaxFontBytes {
		return fmt.Errorf("quote: font %s is larger than %d bytes", path, MaxFontBytes)
	}
	return nil
}

// fontNames are the installed Japanese gothic fonts looked for, best first.
var fontNames = []string{"ipaexg.ttf", "ipag.ttf", "ipagp.ttf", "IPAexGothic.ttf", "IPAGothic.ttf", "ipaexm.ttf", "ipam.ttf"}

// DefaultFontDirs are the usual system font folders.
func DefaultFontDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", `C:\Windows\Fonts`}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	return dirs
}

// FindFont looks in dirs (DefaultFontDirs when none are given), and their sub-folders, for an
// installed Japanese font such as IPAexGothic, and loads the first that checks out.
// It returns ErrNoFont when there is none.
func FindFont(dirs ...string) (*Font, error) {
	if len(dirs) == 0 {
		dirs = DefaultFontDirs()
	}
	found := map[string][]string{} // file name → paths, in folder order
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is passed over
			}
			if !d.IsDir() && slices.Contains(fontNames, d.Name()) {
				found[d.Name()] = append(found[d.Name()], path)
			}
			return nil
		})
	}
	for _, name := range fontNames {
		for _, path := range found[name] {
			if f, err := LoadFontFile(path); err == nil {
				return f, nil
			}
		}
	}
	return nil, ErrNoFont
}

// checkTrueType validates the sfnt structure the subsetter relies on, so that a document never
// meets a font it cannot read, and returns the tables by tag.
func checkTrueType(b []byte) (map[string][]byte, error) {
	bad := func(why string) (map[string][]byte, error) {
		return nil, fmt.Errorf("quote: font is not a usable TrueType font: %s", why)
	}
	if len(b) > MaxFontBytes {
		return bad("larger than 64 MiB")
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
