package plesk

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseAnswer: any answer parses or is refused without a panic; a parsed result has a
// status.
func FuzzParseAnswer(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.xml")
	for _, s := range seeds {
		body, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body, uint8(0))
		f.Add(body, uint8(1))
	}
	f.Fuzz(func(t *testing.T, body []byte, op uint8) {
		r, err := parseAnswer(body, operation(op%2))
		if err == nil && r.Status == "" {
			t.Fatalf("a result without a status from %q", body)
		}
		_ = codeOf(r.Code)
	})
}
