package billing

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// ExportOptions say how the archive is exported.
type ExportOptions struct {
	// Encoding is the CSV's, and the zip's index's: UTF-8 with a BOM (the default), plain
	// UTF-8, or Shift_JIS.
	Encoding jstore.CSVEncoding
	// Replace writes ? for a character Shift_JIS cannot hold, instead of failing with a
	// *jstore.CSVCellError.
	Replace bool
	// Lang is the language of the header and the kinds; "" is Japanese.
	Lang message.Lang
	// Location is the zone of the dates; nil means Asia/Tokyo.
	Location *time.Location
}

// exportColumns are the CSV's columns. The amounts are per rate, a credit note's negative,
// so that each column's sum is the period's.
var exportColumns = []message.Text{
	{JA: "種別", EN: "kind"}, {JA: "番号", EN: "number"}, {JA: "発行日", EN: "issue date"}, {JA: "取引年月日", EN: "transaction date"},
	{JA: "取引先", EN: "customer"}, {JA: "アカウント", EN: "account"}, {JA: "注文番号", EN: "order"}, {JA: "対象の書類", EN: "document corrected or paid"},
	{JA: "10%対象（税抜）", EN: "10% net"}, {JA: "消費税（10%）", EN: "10% tax"}, {JA: "8%対象（税抜）", EN: "8% net"}, {JA: "消費税（8%）", EN: "8% tax"},
	{JA: "その他の税率の対象（税抜）", EN: "other rates net"}, {JA: "その他の税率の消費税", EN: "other rates tax"},
	{JA: "合計（税込）", EN: "total (incl. tax)"}, {JA: "SHA-256", EN: "SHA-256"},
}

var kindTexts = map[Kind]message.Text{
	Invoice: {JA: "請求書", EN: "invoice"}, CreditNote: {JA: "返還請求書", EN: "credit note"}, Receipt: {JA: "領収書", EN: "receipt"},
}

// WriteCSV writes the documents q finds as CSV to w, one row each, oldest first, reading the
// archive a page at a time. It returns how many rows it wrote.
func WriteCSV(ctx context.Context, st Store, q Query, w io.Writer, opts ExportOptions) (int, error) {
	out, err := newExport(w, opts, nil)
	if err != nil {
		return 0, err
	}
	n, err := eachDocument(ctx, st, q, jstore.MaxPageLimit, func(d Document) error { return out.row(d, nil) })
	if err != nil {
		return n, err
	}
	return n, out.csv.Flush()
}

// WriteZip writes a zip of the PDFs q finds to w — each checked against its hash, named
// kind/number.pdf — with index.csv: WriteCSV's columns and each file's name. It returns how
// many documents it wrote; a PDF that does not match its hash is ErrTampered.
func WriteZip(ctx context.Context, st Store, q Query, w io.Writer, opts ExportOptions) (int, error) {
	z := zip.NewWriter(w)
	var index []Document // the index is written last, from what was written
	q.PDF = true
	n, err := eachDocument(ctx, st, q, 100, func(d Document) error {
		if err := d.Verify(); err != nil {
			return fmt.Errorf("billing: %s: %w", d.Number, err)
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: fileName(d), Method: zip.Store, Modified: d.IssuedAt})
		if err != nil {
			return err
		}
		if _, err := f.Write(d.PDF); err != nil {
			return err
		}
		d.PDF = nil
		index = append(index, d)
		return nil
	})
	if err != nil {
		return n, err
	}
	f, err := z.Create("index.csv")
	if err != nil {
		return n, err
	}
	out, err := newExport(f, opts, &message.Text{JA: "ファイル名", EN: "file"})
	if err != nil {
		return n, err
	}
	for _, d := range index {
		if err := out.row(d, []string{fileName(d)}); err != nil {
			return n, err
		}
	}
	if err := out.csv.Flush(); err != nil {
		return n, err
	}
	return n, z.Close()
}

// eachDocument calls fn for each document q finds, a page of size at a time.
func eachDocument(ctx context.Context, st Store, q Query, size int, fn func(Document) error) (int, error) {
	q.Limit, q.Cursor = size, ""
	n := 0
	for {
		page, err := st.SearchDocuments(ctx, q)
		if err != nil {
			return n, err
		}
		for _, d := range page.Items {
			if err := fn(d); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == "" {
			return n, nil
		}
		q.Cursor = page.Next
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// fileName is d's PDF's name in a zip: its kind's folder and its number, ASCII only.
func fileName(d Document) string {
	return string(d.Kind) + "/" + unsafeName.ReplaceAllString(d.Number, "_") + ".pdf"
}

type export struct {
	csv  *jstore.CSVWriter
	lang message.Lang
	loc  *time.Location
	rec  []string
}

func newExport(w io.Writer, opts ExportOptions, extra *message.Text) (*export, error) {
	e := &export{lang: opts.Lang, loc: opts.Location}
	if e.lang == "" {
		e.lang = message.Japanese
	}
	if e.lang != message.Japanese && e.lang != message.English {
		return nil, fmt.Errorf("billing: export language %q is neither ja nor en", opts.Lang)
	}
	if e.loc == nil {
		tokyo, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			return nil, err
		}
		e.loc = tokyo
	}
	cols := exportColumns
	if extra != nil {
		cols = append(cols[:len(cols):len(cols)], *extra)
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Template(e.lang)
	}
	var err error
	e.csv, err = jstore.NewCSVWriter(w, opts.Encoding, opts.Replace, header)
	return e, err
}

func (e *export) row(d Document, extra []string) error {
	var net10, tax10, net8, tax8, netOther, taxOther int64
	for _, r := range d.Totals {
		switch r.TaxPercent {
		case 10:
			net10, tax10 = net10+r.Net, tax10+r.Tax
		case 8:
			net8, tax8 = net8+r.Net, tax8+r.Tax
		default:
			netOther, taxOther = netOther+r.Net, taxOther+r.Tax
		}
	}
	e.rec = append(e.rec[:0], kindTexts[d.Kind].Template(e.lang), d.Number, d.IssuedAt.In(e.loc).Format(time.DateOnly),
		d.TransactionDate.In(e.loc).Format(time.DateOnly), d.Customer, string(d.Account), string(d.Order), d.Corrects)
	for _, v := range []int64{net10, tax10, net8, tax8, netOther, taxOther, d.Total} {
		e.rec = append(e.rec, strconv.FormatInt(v, 10))
	}
	e.rec = append(e.rec, d.SHA256)
	return e.csv.Write(append(e.rec, extra...))
}
