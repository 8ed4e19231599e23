package jstore_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jstore-sdk/sdk/jstore"
)

// FuzzCSVWriter: any cell comes back from a CSV reader as written, or with the apostrophe
// that keeps a spreadsheet from running it, and no cell read back starts a formula except a
// negative whole number.
func FuzzCSVWriter(f *testing.F) {
	for _, s := range []string{"株式会社", "=1+1", "-10780", "-1+1", "@SUM(A1)", "+81", "\t=x", "a,b", "\"q\"", "line\nbreak", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		if !utf8.ValidString(cell) || strings.ContainsRune(cell, '\r') {
			return // encoding/csv reads a CR inside a field back as a newline
		}
		var buf bytes.Buffer
		w, err := jstore.NewCSVWriter(&buf, jstore.UTF8, false, []string{"h", "end"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write([]string{cell, "end"}); err != nil { // a second cell: a row of one empty cell is a blank line, which readers skip
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != 2 || len(rows[1]) != 2 {
			t.Fatalf("read back %q: %v %q", cell, err, rows)
		}
		got := rows[1][0]
		if got != cell && got != "'"+cell {
			t.Fatalf("%q came back as %q", cell, got)
		}
		if got != "" && strings.ContainsRune("=+-@\t", rune(got[0])) && strings.Trim(got[1:], "0123456789") != "" {
			t.Fatalf("%q starts a formula", got)
		}
	})
}
