package cpanel

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseAnswer: any answer parses or is refused without a panic, and a parsed list of
// domains answers has for any name.
func FuzzParseAnswer(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.json")
	for _, s := range seeds {
		body, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Add([]byte(`{"result":{"result":{"status":1,"data":null}}}`))
	f.Add([]byte(`{"status":"1"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := parseAnswer(body)
		if err != nil {
			return
		}
		var d domains
		if a.Status == 1 && parseData(a.Data, &d) == nil {
			d.has("example.com")
		}
	})
}
