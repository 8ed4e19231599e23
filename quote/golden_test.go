package quote_test

import (
	"flag"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name; -update rewrites it. A missing file fails.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test ./quote -run %s -update", t.Name())
	require.True(t, string(want) == string(got), "output differs from %s; if the change is intended run go test ./quote -update", path)
}

func pngEncode(w io.Writer, img image.Image) error { return png.Encode(w, img) }
