package jstore

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"

	"github.com/jstore-sdk/sdk/message"
)

// CSVWriter writes the SDK's CSV files — the certificate export, the billing archive's — one
// way: RFC 4180 quoting with CRLF line ends; UTF-8 with a byte-order mark, plain UTF-8 or
// Shift_JIS; a cell that starts with = + - @, a tab or a CR (but for a negative whole number)
// prefixed with ' so that no spreadsheet runs it; and a character Shift_JIS cannot hold
// refused as a *CSVCellError naming its cell (or written as ? when replace is set).
type CSVWriter struct {
	w       *csv.Writer
	enc     *encoding.Encoder
	replace bool
	header  []string
	n       int // rows written, the header included
	cells   []string
}

// NewCSVWriter writes the byte-order mark (UTF8BOM) and the header row to w.
func NewCSVWriter(w io.Writer, enc CSVEncoding, replace bool, header []string) (*CSVWriter, error) {
	c := &CSVWriter{w: csv.NewWriter(w), replace: replace, header: header}
	c.w.UseCRLF = true
	switch enc {
	case UTF8BOM:
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
	case ShiftJIS:
		c.enc = japanese.ShiftJIS.NewEncoder()
	case UTF8:
	default:
		return nil, invalid("encoding_invalid", "encoding")
	}
	return c, c.Write(header)
}

// Write writes one row.
func (c *CSVWriter) Write(cells []string) error {
	c.n++
	c.cells = c.cells[:0]
	for i, cell := range cells {
		cell = neutralise(cell)
		if c.enc != nil {
			enc, err := c.enc.String(cell)
			if err != nil && c.replace {
				enc, err = c.enc.String(c.replaceUnsupported(cell))
			}
			if err != nil {
				return c.cellError(i, cell)
			}
			cell = enc
		}
		c.cells = append(c.cells, cell)
	}
	return c.w.Write(c.cells)
}

// Flush writes what is buffered and returns the first error of any write.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// replaceUnsupported puts ? for each character Shift_JIS cannot hold.
func (c *CSVWriter) replaceUnsupported(cell string) string {
	var b strings.Builder
	for _, r := range cell {
		if _, err := c.enc.String(string(r)); err != nil || r == utf8.RuneError {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cellError names the first character of cell Shift_JIS cannot hold.
func (c *CSVWriter) cellError(col int, cell string) error {
	e := &CSVCellError{Row: c.n, Column: col + 1}
	if col < len(c.header) {
		e.Header = c.header[col]
	}
	for _, r := range cell {
		if _, err := c.enc.String(string(r)); err != nil || r == utf8.RuneError {
			e.Char = r
			break
		}
	}
	return e
}

// neutralise prefixes a cell a spreadsheet would read as a formula with an apostrophe. A
// negative whole number (a credit note's amount) is left a number: digits alone compute
// nothing, and a prefix would make a column's sum leave it out.
func neutralise(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !negativeInteger(c) {
		return "'" + c
	}
	return c
}

func negativeInteger(c string) bool {
	digits := strings.TrimPrefix(c, "-")
	return len(digits) > 0 && len(digits) < len(c) && strings.Trim(digits, "0123456789") == ""
}

// CSVCellError says which cell Shift_JIS cannot hold. Row 1 is the header row.
type CSVCellError struct {
	Row, Column int
	Header      string
	Char        rune
}

func (e *CSVCellError) Error() string {
	return fmt.Sprintf("jstore: CSV row %d, column %d (%s): %q cannot be written in Shift_JIS; choose UTF-8 or CSVOptions.Replace", e.Row, e.Column, e.Header, e.Char)
}

// Message names the cell and the character in lang.
func (e *CSVCellError) Message(lang message.Lang) string {
	return problemTexts["csv_cell"].Render(lang, []message.Arg{arg("row", count(e.Row, message.NoUnit)),
		arg("column", count(e.Column, message.NoUnit)), arg("header", message.Literal(e.Header)), arg("char", message.Char(e.Char))})
}

// Unwrap makes the error match ErrInvalid.
func (e *CSVCellError) Unwrap() error { return ErrInvalid }
