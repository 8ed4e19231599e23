package quote

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jstore-sdk/sdk/internal/ttf"
)

// MaxFontBytes bounds a font file.
const MaxFontBytes = 64 << 20

// ErrNoFont says no Japanese font was found; its text says how to get one.
var ErrNoFont = errors.New("quote: no Japanese TrueType font found: install one (Debian: apt-get install fonts-ipaexfont-gothic) or pass it with LoadFont or LoadFontFile")

// Font is a validated Japanese TrueType font, parsed once. It is never changed, so one Font
// serves any number of renderers and goroutines; each document embeds a subset of it.
type Font struct {
	parsed *ttf.Font
}

// LoadFont checks that b is a TrueType font with the tables a PDF needs (a Unicode cmap,
// glyf and loca, metrics) and that its licence allows embedding. The check runs before any
// PDF byte is written, so a broken font is a clear error.
func LoadFont(b []byte) (*Font, error) {
	if len(b) > MaxFontBytes {
		return nil, errors.New("quote: font is not a usable TrueType font: larger than 64 MiB")
	}
	p, err := ttf.Parse(b)
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

// DefaultFontDirs are the usual system font folders.
func DefaultFontDirs() []string { return ttf.DefaultDirs() }

// FindFont looks in dirs (DefaultFontDirs when none are given), and their sub-folders, for an
// installed Japanese font such as IPAexGothic, and loads the first that checks out.
// It returns ErrNoFont when there is none.
func FindFont(dirs ...string) (*Font, error) {
	for _, path := range ttf.Find(dirs...) {
		if f, err := LoadFontFile(path); err == nil {
			return f, nil
		}
	}
	return nil, ErrNoFont
}
