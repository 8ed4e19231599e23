package pdftext

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToUnicode(t *testing.T) {
	t.Parallel()
	cm := string(toUnicode(map[byte]rune{0x41: 'A', 0x7F: '御', 0x80: '𠀋'}))
	assert.Contains(t, cm, "3 beginbfchar\n<41> <0041>\n<7F> <5FA1>\n<80> <D840DC0B>\nendbfchar")
	assert.Contains(t, cm, "/CMapType 2 def")
}

func TestFinishPDFRefusesOtherShapes(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 25, 0, 0, 0, 0, time.FixedZone("JST", 9*3600))
	for name, pdf := range map[string]string{
		"no xref":          "%PDF-1.3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\nstartxref\n0\n%%EOF\n",
		"offset past xref": "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000009999 00000 n \ntrailer\n<</Size 2>>\nstartxref\n30\n%%EOF\n",
		"subsection not 0": "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n1 1\n0000000009 00000 n \ntrailer\n<</Size 2>>\nstartxref\n30\n%%EOF\n",
	} {
		_, err := Finish([]byte(pdf), nil, at)
		assert.ErrorIs(t, err, errPDFForm, name)
	}
	ok := "%PDF-1.3\n1 0 obj\n<</CreationDate (D:20261125000000)>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2 /Info 1 0 R>>\nstartxref\n67\n%%EOF\n"
	out, err := Finish([]byte(ok), nil, at)
	require.NoError(t, err)
	assert.Contains(t, string(out), "/CreationDate (D:20261125000000+09'00')")
	assert.Contains(t, string(out), "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n")
}
