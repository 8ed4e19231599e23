package quote_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/quote"
)

func TestFindFont(t *testing.T) {
	t.Parallel()
	_, err := quote.FindFont(t.TempDir())
	assert.ErrorIs(t, err, quote.ErrNoFont)
	assert.Contains(t, err.Error(), "fonts-ipaexfont-gothic", "the error says how to get a font")

	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "ipaexg.ttf"), []byte("not a font"), 0o644))
	_, err = quote.FindFont(dir)
	assert.ErrorIs(t, err, quote.ErrNoFont, "a broken file is passed over")

	testFont(t) // needs the installed font for the next part
	found, err := quote.FindFont()
	require.NoError(t, err)
	assert.NotNil(t, found)
}

// TestBrokenFonts mutates a real font: every breakage is an error before any PDF byte.
func TestBrokenFonts(t *testing.T) {
	t.Parallel()
	testFont(t)
	path := ""
	for _, d := range quote.DefaultFontDirs() {
		_ = filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && path == "" && e.Name() == "ipaexg.ttf" {
				path = p
			}
			return nil
		})
	}
	if path == "" {
		testkit.Missing(t, "the mutations need ipaexg.ttf itself (Debian: fonts-ipaexfont-gothic); another Japanese font is installed")
	}
	good, err := os.ReadFile(path)
	require.NoError(t, err)
	_, err = quote.LoadFont(good)
	require.NoError(t, err)
	tableOffset := func(tag string) int {
		n := int(binary.BigEndian.Uint16(good[4:]))
		for i := range n {
			if string(good[12+16*i:16+16*i]) == tag {
				return 12 + 16*i
			}
		}
		t.Fatalf("no %s table", tag)
		return 0
	}
	mutations := map[string]func(b []byte) []byte{
		"empty":          func([]byte) []byte { return nil },
		"truncated":      func(b []byte) []byte { return b[:len(b)/2] },
		"directory cut":  func(b []byte) []byte { return b[:20] },
		"OpenType CFF":   func(b []byte) []byte { copy(b, "OTTO"); return b },
		"collection":     func(b []byte) []byte { copy(b, "ttcf"); return b },
		"garbage header": func(b []byte) []byte { copy(b, "\x00\x00\x00\x07"); return b },
		"no cmap": func(b []byte) []byte {
			copy(b[tableOffset("cmap"):], "xmap")
			return b
		},
		"embedding forbidden": func(b []byte) []byte {
			off := int(binary.BigEndian.Uint32(b[tableOffset("OS/2")+8:]))
			binary.BigEndian.PutUint16(b[off+8:], 0x0002)
			return b
		},
		"table outside the file": func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[tableOffset("glyf")+12:], 0x7fffffff)
			return b
		},
	}
	for name, m := range mutations {
		b := m(append([]byte(nil), good...))
		_, err := quote.LoadFont(b)
		assert.Error(t, err, name)
	}
	_, err = quote.LoadFontFile(filepath.Join(t.TempDir(), "missing.ttf"))
	assert.True(t, errors.Is(err, os.ErrNotExist))
}
