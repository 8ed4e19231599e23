//go:build unix

package quote_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/quote"
)

// TestLoadFontFileRefusesNonRegularFiles: a FIFO, a device or a folder is refused before a
// byte is read (a FIFO without a writer would block; /dev/zero would fill memory), and a file
// over MaxFontBytes is refused by its size.
func TestLoadFontFileRefusesNonRegularFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "font.fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	huge := filepath.Join(dir, "huge.ttf")
	f, err := os.Create(huge)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(quote.MaxFontBytes+1)) // sparse: no disk is used
	require.NoError(t, f.Close())
	link := filepath.Join(dir, "zero.ttf")
	require.NoError(t, os.Symlink("/dev/zero", link))

	tests := []struct{ name, path, want string }{
		{"FIFO", fifo, "not a regular file"},
		{"device", "/dev/zero", "not a regular file"},
		{"symlink to a device", link, "not a regular file"},
		{"folder", dir, "not a regular file"},
		{"over the limit", huge, "larger than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := quote.LoadFontFile(tc.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
