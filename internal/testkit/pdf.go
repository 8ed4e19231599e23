package testkit

import (
	"bytes"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// PDFText is a PDF's text as poppler's pdftotext lays it out; without pdftotext the test
// skips (fails under JSTORE_REQUIRE_INTEGRATION=1), naming the Debian package.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		Missing(t, "reading the PDF needs pdftotext: apt-get install poppler-utils")
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	require.NoError(t, err)
	return string(out)
}
