package jstore

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// CSVEncoding is the character encoding of an exported CSV file.
type CSVEncoding uint8

// CSV encodings.
const (
	UTF8BOM  CSVEncoding = iota // UTF-8 with a byte-order mark, which Excel opens as UTF-8 (the default)
	UTF8                        // plain UTF-8
	ShiftJIS                    // Shift_JIS (Windows-31J / CP932), for older Japanese software
)

// CSVOptions says what ExportCSV writes.
type CSVOptions struct {
	// Certificates selects certificates; empty means all of the account's.
	Certificates []CertificateID
	// Lang is the header language: "ja" (the default) or "en".
	Lang     string
	Encoding CSVEncoding
	// Replace writes ? for a character Shift_JIS cannot hold, instead of failing.
	Replace bool
}

// csvColumns are the exported columns: application, issuance and billing data, with headers.
var csvColumns = []struct{ ja, en string }{
	{"証明書ID", "certificate ID"}, {"商品", "product"}, {"期間（年）", "term (years)"}, {"コモンネーム", "common name"},
	{"付帯ドメイン", "SANs"}, {"付帯ドメイン数", "SAN slots"}, {"認証方式", "DCV method"}, {"ルート", "root"},
	{"組織名", "organization"}, {"状態", "status"}, {"シリアル番号", "serial"}, {"有効期間開始", "not before"},
	{"有効期限", "not after"}, {"契約終了日", "subscription end"}, {"発行者", "issuer"},
	{"注文番号", "order number"}, {"注文日", "order date"}, {"金額（税抜）", "amount (excl. tax)"},
	{"消費税（按分）", "tax (this line's share)"}, {"合計（税込）", "total (incl. tax)"},
	{"配置先", "deployment targets"}, {"未配置の配置先", "targets not yet deployed"}, {"配信が異なる配置先", "targets serving something else"},
}

// ExportCSV writes the account's certificates — or those opts selects — as CSV to w, one row
// each: application data (product, term, common name, SANs, SAN slots, DCV method, root option,
// end-user organisation), issuance data (status, serial, validity, subscription end, issuer) and
// billing data (order number and date, the line's amount, its share of the order's tax — the
// order's tax allocated over its lines by taxShare, so that a column sum is right — and the
// two added), and deployment data (the targets, those not serving the current serial yet, and
// those whose live site served something else at the last check). Dates
// are calendar days in the service's zone. RFC 4180 quoting with CRLF line ends; a cell that
// starts with = + - @, a tab or a CR is prefixed with ' so that no spreadsheet runs it. It
// reads the store a page at a time, so its memory does not grow with the rows. It returns the
// number of certificate rows written. Another account's certificate is ErrNotFound; a character
// Shift_JIS cannot hold is a *CSVCellError unless opts.Replace.
func (s *Service) ExportCSV(ctx context.Context, account AccountID, w io.Writer, opts CSVOptions) (int, error) {
	if opts.Lang != "" && opts.Lang != "ja" && opts.Lang != "en" {
		return 0, invalid("lang_invalid", "lang")
	}
	header := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		header[i] = c.ja
		if opts.Lang == "en" {
			header[i] = c.en
		}
	}
	cw, err := NewCSVWriter(w, opts.Encoding, opts.Replace, header)
	if err != nil {
		return 0, err
	}
	out := &csvOut{CSVWriter: cw}
	rows := 0
	err = s.eachCertificate(ctx, account, opts.Certificates, func(tx Tx, c Certificate) error {
		var o Order
		if c.Order != "" {
			var err error
			if o, err = out.order(ctx, tx, account, c.Order); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		rows++
		out.rec = s.csvRecord(out.rec[:0], c, o, opts.Lang)
		return out.Write(out.rec)
	})
	if err != nil {
		return rows, err
	}
	return rows, out.Flush()
}

// eachCertificate calls fn for the selected certificates, or every certificate of the account a
// page at a time, each page in a read transaction of its own.
func (s *Service) eachCertificate(ctx context.Context, account AccountID, ids []CertificateID, fn func(Tx, Certificate) error) error {
	if len(ids) > 0 {
		return s.store.View(ctx, func(tx Tx) error {
			for _, id := range ids {
				c, err := tx.GetCertificate(ctx, account, id)
				if err != nil {
					return err
				}
				if err := fn(tx, c); err != nil {
					return err
				}
			}
			return nil
		})
	}
	opts := ListOptions{Limit: MaxPageLimit}
	for {
		var next string
		err := s.store.View(ctx, func(tx Tx) error {
			if _, err := tx.GetAccount(ctx, account); err != nil {
				return err
			}
			page, err := tx.ListCertificates(ctx, account, opts)
			if err != nil {
				return err
			}
			for _, c := range page.Items {
				if err := fn(tx, c); err != nil {
					return err
				}
			}
			next = page.Next
			return nil
		})
		if err != nil || next == "" {
			return err
		}
		opts.Cursor = next
	}
}

// csvRecord appends the row of c, ordered in o, to rec.
func (s *Service) csvRecord(rec []string, c Certificate, o Order, lang string) []string {
	ml := message.Japanese // the export's default
	if lang == "en" {
		ml = message.English
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(s.loc).Format(time.DateOnly)
	}
	product := c.ProductCode
	if p, ok := s.catalogue.Lookup(c.ProductCode); ok {
		product = p.NameJA
		if lang == "en" {
			product = p.NameEN
		}
	}
	var term, amount, tax, total, ordered, slots string
	for i, l := range o.Lines {
		if l.Application == c.Application {
			share := taxShare(o.Lines, i, o.Tax)
			term, amount = strconv.Itoa(l.Term), strconv.FormatInt(l.Amount, 10)
			tax, total = strconv.FormatInt(share, 10), strconv.FormatInt(l.Amount+share, 10)
		}
	}
	if o.ID != "" {
		ordered = day(o.CreatedAt)
	}
	if c.SANSlots > 0 {
		slots = strconv.Itoa(c.SANSlots)
	}
	return append(rec,
		string(c.ID), product, term, c.CommonName, strings.Join(c.SANs, " "), slots, ValueName(string(c.DCV), ml), ValueName(string(c.Root), ml),
		c.Organization.Name, ValueName(string(c.Status), ml), c.SerialHex, day(c.NotBefore), day(c.NotAfter), day(c.SubscriptionEnd), c.Issuer,
		string(o.ID), ordered, amount, tax, total,
		deployTargets(c, func(Deployment) bool { return true }),
		deployTargets(c, c.behind),
		deployTargets(c, c.servesOther),
	)
}

// deployTargets names c's targets that keep holds, space-separated.
func deployTargets(c Certificate, keep func(Deployment) bool) string {
	var names []string
	for _, d := range c.Deployments {
		if keep(d) {
			names = append(names, d.Target)
		}
	}
	return strings.Join(names, " ")
}

// csvOut is the export's CSVWriter, keeping the last order read, since a page's certificates
// often share one, and a row's values for reuse.
type csvOut struct {
	*CSVWriter
	last Order
	rec  []string
}

func (o *csvOut) order(ctx context.Context, tx Tx, account AccountID, id OrderID) (Order, error) {
	if o.last.ID == id {
		return o.last, nil
	}
	ord, err := tx.GetOrder(ctx, account, id)
	if err == nil {
		o.last = ord
	}
	return ord, err
}
