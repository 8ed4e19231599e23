package quote

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/phpdave11/gofpdf"

	"github.com/jstore-sdk/sdk/internal/pdftext"
	"github.com/jstore-sdk/sdk/internal/ttf"
)

// Seller is the block of the issuing company.
type Seller struct {
	Name    string
	Address string
	Phone   string
	// RegistrationNumber is the qualified-invoice issuer number: T and 13 digits, the first a
	// check digit (CheckRegistrationNumber). Optional.
	RegistrationNumber string
	// SealPNG is an optional company-seal image, drawn over the seller block.
	SealPNG []byte
}

// Lang selects the document's language.
type Lang string

// Languages.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Renderer draws quotes as PDF. It is safe for concurrent use.
type Renderer struct {
	font     *Font
	fallback *Font // draws what font lacks; may be nil
	seller   Seller
	enc      *pdftext.Encoder
}

// RendererOption configures a Renderer.
type RendererOption func(*Renderer) error

// WithFallbackFont draws the characters font lacks with f (a font with 𠮷 U+20BB7, say, when
// the main one has none); what neither has is still refused.
func WithFallbackFont(f *Font) RendererOption {
	return func(r *Renderer) error {
		if f == nil {
			return errors.New("quote: WithFallbackFont: nil font")
		}
		r.fallback = f
		return nil
	}
}

// NewRenderer checks the seller block and returns a Renderer with font.
func NewRenderer(font *Font, seller Seller, opts ...RendererOption) (*Renderer, error) {
	if font == nil {
		return nil, errors.New("quote: NewRenderer: nil font")
	}
	for field, v := range map[string]string{"seller name": seller.Name, "seller address": seller.Address, "seller phone": seller.Phone} {
		if !utf8.ValidString(v) || strings.ContainsFunc(v, unprintable) || utf8.RuneCountInString(v) > maxTextChars {
			return nil, fmt.Errorf("quote: NewRenderer: %s must be at most 200 characters without control characters", field)
		}
	}
	if seller.Name == "" {
		return nil, errors.New("quote: NewRenderer: the seller needs a name")
	}
	if seller.RegistrationNumber != "" {
		if err := CheckRegistrationNumber(seller.RegistrationNumber); err != nil {
			return nil, fmt.Errorf("quote: NewRenderer: %w", err)
		}
	}
	if len(seller.SealPNG) > 0 && !bytes.HasPrefix(seller.SealPNG, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, errors.New("quote: NewRenderer: the seal must be a PNG image")
	}
	r := &Renderer{font: font, seller: seller, enc: pdftext.NewEncoder()}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("quote: NewRenderer: nil option")
		}
		if err := o(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

type labels struct {
	title, number, issued, valid, lead, totalLabel, taxIncl, noTax, noTaxAmount,
	item, qty, unit, amount, subtotalFmt, plainSubtotal, tax, total, remarks, domain, regNo, tel, years, slots string
	date func(y, m, d int) string
}

var texts = map[Lang]labels{
	Japanese: {
		title: "御見積書", number: "見積番号", issued: "発行日", valid: "有効期限",
		lead: "下記の通りお見積り申し上げます。", totalLabel: "御見積金額", taxIncl: "（税込）", noTax: "（消費税なし）", noTaxAmount: "対象外",
		item: "品名", qty: "数量", unit: "単価", amount: "金額", subtotalFmt: "%d%%対象（税抜）", plainSubtotal: "小計", tax: "消費税", total: "合計",
		remarks: "備考", domain: "ドメイン名", regNo: "登録番号", tel: "TEL", years: "%d年", slots: "付帯ドメイン%d",
		date: func(y, m, d int) string { return fmt.Sprintf("%d年%d月%d日", y, m, d) },
	},
	English: {
		title: "QUOTATION", number: "Quote No.", issued: "Date", valid: "Valid until",
		lead: "We are pleased to quote as follows.", totalLabel: "Total amount", taxIncl: " (tax included)", noTax: " (no consumption tax)", noTaxAmount: "n/a",
		item: "Item", qty: "Qty", unit: "Unit price", amount: "Amount", subtotalFmt: "Subject to %d%% (excl. tax)", plainSubtotal: "Subtotal", tax: "Consumption tax", total: "Total",
		remarks: "Remarks", domain: "Domain", regNo: "Registration No.", tel: "Tel", years: "%d yr", slots: "%d SAN slots",
		date: func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) },
	},
}

// runes lists every character the document may draw: the digits and punctuation of amounts,
// dates and page numbers, the labels, and the quote's and seller's text. Only these glyphs are
// embedded.
func (r *Renderer) runes(q Quote, t labels, lang Lang) []rune {
	rs := []rune("0123456789 ,-/:%()")
	texts := []string{t.title, t.number, t.issued, t.valid, t.lead, t.totalLabel, t.taxIncl, t.noTax, t.noTaxAmount,
		t.item, t.qty, t.unit, t.amount, t.subtotalFmt, t.plainSubtotal, t.tax, t.total, t.remarks, t.domain, t.regNo, t.tel, t.years, t.slots,
		t.date(2000, 1, 1), "¥", recipientLine(q.Recipient, q.Honorific, lang), q.Domain, q.Number, r.seller.Name, r.seller.Address, r.seller.Phone, r.seller.RegistrationNumber}
	for _, l := range q.Lines {
		texts = append(texts, l.Product.Name(string(lang)), l.Domain)
	}
	for _, s := range texts {
		rs = append(rs, []rune(s)...)
	}
	return rs
}

// Yen formats an amount of yen as documents print it: ¥12,345 (−¥500 below zero).
func Yen(v int64) string {
	sign := ""
	u := uint64(v)
	if v < 0 {
		sign, u = "−", uint64(-(v+1))+1
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + "¥" + b.String()
}

// Layout, in millimetres on A4.
const (
	margin    = 15.0
	pageW     = 210.0
	pageH     = 297.0
	rowH      = 7.0
	colItem   = 100.0
	colQty    = 20.0
	colUnit   = 30.0
	colAmount = 30.0
	bottom    = pageH - 20
)

// Check reports what Render would refuse of q in lang before anything is drawn: an unknown
// language, or a *GlyphError for characters no font of r draws. A quote without a number yet
// can be checked: Quote's DrawableBy does so before it takes one.
func (r *Renderer) Check(q Quote, lang Lang) error {
	t, ok := texts[lang]
	if !ok {
		return fmt.Errorf("quote: unknown language %q", lang)
	}
	if missing := r.missing(r.runes(q, t, lang)); len(missing) > 0 {
		return &GlyphError{Missing: missing}
	}
	return nil
}

// Render writes q as a PDF to w in lang. The output is the same for the same quote, renderer
// and language: the document dates are the quote's issue date.
func (r *Renderer) Render(w io.Writer, q Quote, lang Lang) error {
	t, ok := texts[lang]
	if !ok {
		return fmt.Errorf("quote: Render: unknown language %q", lang)
	}
	if len(q.Lines) == 0 || q.Number == "" {
		return errors.New("quote: Render: the quote has no number or no lines")
	}
	pdf, p, fonts, err := r.begin(t.title+" "+q.Number, q.Number, q.Issued, r.runes(q, t, lang))
	if err != nil {
		return err
	}
	r.header(p, q, t, lang)
	r.table(p, q, t, lang)
	r.totals(p, q, t)
	return r.end(w, pdf, fonts, q.Issued)
}

// begin starts an A4 document titled title, dated created, whose footer carries number and
// the page: the fonts embed only the glyphs of rs, and a rune no font of r draws is a
// *GlyphError before anything is drawn.
func (r *Renderer) begin(title, number string, created time.Time, rs []rune) (*gofpdf.Fpdf, *pdftext.Page, *pdftext.Fonts, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(title, true)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AliasNbPages("{nb}")
	// Page streams are a few kilobytes; compressing them would cost a new zlib writer each.
	pdf.SetCompression(false)
	if missing := r.missing(rs); len(missing) > 0 {
		return nil, nil, nil, &GlyphError{Missing: missing}
	}
	var fallback *ttf.Font
	if r.fallback != nil {
		fallback = r.fallback.parsed
	}
	fonts, err := r.enc.AddFonts(pdf, r.font.parsed, fallback, rs)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("quote: Render: %w", err)
	}
	p := pdftext.NewPage(pdf, fonts)
	pdf.SetFooterFunc(func() {
		p.SetSize(8)
		pdf.SetXY(margin, pageH-12)
		p.Cell(pageW-2*margin, 5, fmt.Sprintf("%s  %d / {nb}", number, pdf.PageNo()), "", 0, "C", false)
	})
	if len(r.seller.SealPNG) > 0 {
		pdf.RegisterImageOptionsReader("seal", gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(r.seller.SealPNG))
	}
	pdf.AddPage()
	return pdf, p, fonts, nil
}

// end finishes the document and writes it to w.
func (r *Renderer) end(w io.Writer, pdf *gofpdf.Fpdf, fonts *pdftext.Fonts, created time.Time) error {
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("quote: Render: %w", err)
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return fmt.Errorf("quote: Render: %w", err)
	}
	out, err := pdftext.Finish(raw.Bytes(), fonts.UnicodeByFont(), created)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

func (r *Renderer) header(p *pdftext.Page, q Quote, t labels, lang Lang) {
	iy, im, id := q.Issued.Date()
	vy, vm, vd := q.ValidUntil.Date()
	suffix := t.taxIncl
	if q.TaxPercent == 0 {
		suffix = t.noTax
	}
	r.heading(p, t, heading{title: t.title, factW: 25,
		facts:     [][2]string{{t.number, q.Number}, {t.issued, t.date(iy, int(im), id)}, {t.valid, t.date(vy, int(vm), vd)}},
		recipient: recipientLine(q.Recipient, q.Honorific, lang), lead: t.lead, totalLabel: t.totalLabel, total: Yen(q.Total) + suffix})
}

// heading is the top of a quote or billing document: its title, facts at the right (number
// and dates, labels factW wide), the addressee and a lead at the left, the seller, and the
// amount box.
type heading struct {
	title                              string
	facts                              [][2]string
	factW                              float64
	recipient, lead, totalLabel, total string
}

func (r *Renderer) heading(p *pdftext.Page, t labels, h heading) {
	pdf := p.PDF()
	p.SetSize(22)
	p.Cell(0, 14, h.title, "", 1, "C", false)
	p.SetSize(9)
	for _, kv := range h.facts {
		pdf.SetX(pageW - margin - h.factW - 45)
		p.Cell(h.factW, 5, kv[0], "", 0, "L", false)
		p.Cell(45, 5, kv[1], "", 1, "R", false)
	}
	top := pdf.GetY() + 3
	pdf.SetXY(margin, top)
	p.SetSize(13)
	p.MultiCell(95, 7, h.recipient, "B", "L")
	pdf.Ln(3)
	p.SetSize(9)
	p.MultiCell(95, 5, h.lead, "", "L")
	leftEnd := pdf.GetY()
	r.sellerBlock(p, t, top)
	pdf.SetXY(margin, max(leftEnd, pdf.GetY())+4)
	p.SetSize(14)
	p.Cell(40, 10, h.totalLabel, "B", 0, "L", false)
	p.Cell(55, 10, h.total, "B", 1, "R", false)
	pdf.Ln(5)
}

// sellerBlock draws the seller's name, address, phone and registration number at the right
// from top, with the company seal over them when there is one.
func (r *Renderer) sellerBlock(p *pdftext.Page, t labels, top float64) {
	pdf := p.PDF()
	s := r.seller
	pdf.SetXY(pageW-margin-75, top)
	p.SetSize(11)
	p.MultiCell(75, 6, s.Name, "", "L")
	p.SetSize(8.5)
	for _, line := range []string{s.Address, tel(t, s.Phone), reg(t, s.RegistrationNumber)} {
		if line != "" {
			pdf.SetX(pageW - margin - 75)
			p.MultiCell(75, 4.5, line, "", "L")
		}
	}
	if len(s.SealPNG) > 0 {
		pdf.ImageOptions("seal", pageW-margin-22, top, 20, 20, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
}

// amountRows draws label–amount rows under the table's last columns, the total under them,
// larger, and the remarks heading.
func amountRows(p *pdftext.Page, rows [][2]string, totalLabel, total, remarks string) {
	pdf := p.PDF()
	p.SetSize(10)
	x := margin + colItem
	for _, kv := range rows {
		pdf.SetX(x)
		p.Cell(colQty+colUnit, rowH, kv[0], "1", 0, "L", false)
		p.Cell(colAmount, rowH, kv[1], "1", 1, "R", false)
	}
	pdf.SetX(x)
	p.SetSize(13)
	p.Cell(colQty+colUnit, rowH+2, totalLabel, "1", 0, "L", false)
	p.Cell(colAmount, rowH+2, total, "1", 1, "R", false)
	pdf.Ln(6)
	p.SetSize(9)
	p.Cell(0, 6, remarks, "B", 1, "L", false)
}

func tel(t labels, phone string) string {
	if phone == "" {
		return ""
	}
	return t.tel + " " + phone
}

func reg(t labels, n string) string {
	if n == "" {
		return ""
	}
	return t.regNo + " " + n
}

func (r *Renderer) tableHeader(p *pdftext.Page, t labels) {
	pdf := p.PDF()
	p.SetSize(9)
	pdf.SetFillColor(230, 230, 230)
	p.Cell(colItem, rowH, t.item, "1", 0, "C", true)
	p.Cell(colQty, rowH, t.qty, "1", 0, "C", true)
	p.Cell(colUnit, rowH, t.unit, "1", 0, "C", true)
	p.Cell(colAmount, rowH, t.amount, "1", 1, "C", true)
}

// table draws the lines; long names wrap inside their row, and a row that would cross the
// bottom margin goes to a new page under a repeated header.
func (r *Renderer) table(p *pdftext.Page, q Quote, t labels, lang Lang) {
	pdf := p.PDF()
	r.tableHeader(p, t)
	lineH := 5.0
	for _, l := range q.Lines {
		name := l.Product.Name(string(lang)) + "  " + fmt.Sprintf(t.years, l.Term)
		if l.SANSlots > 0 {
			name += "  " + fmt.Sprintf(t.slots, l.SANSlots)
		}
		if l.Domain != "" {
			name += "\n" + l.Domain
		}
		parts := p.Wrap(name, colItem-2-2*pdf.GetCellMargin())
		h := max(rowH, float64(len(parts))*lineH+2)
		if pdf.GetY()+h > bottom {
			pdf.AddPage()
			r.tableHeader(p, t)
		}
		x, y := pdf.GetX(), pdf.GetY()
		pdf.Rect(x, y, colItem, h, "D")
		for i, part := range parts {
			pdf.SetXY(x+1, y+1+float64(i)*lineH)
			p.Cell(colItem-2, lineH, part, "", 0, "L", false)
		}
		pdf.SetXY(x+colItem, y)
		p.Cell(colQty, h, strconv.Itoa(l.Quantity), "1", 0, "R", false)
		p.Cell(colUnit, h, Yen(l.Unit), "1", 0, "R", false)
		p.Cell(colAmount, h, Yen(l.Amount), "1", 1, "R", false)
	}
}

func (r *Renderer) totals(p *pdftext.Page, q Quote, t labels) {
	pdf := p.PDF()
	if pdf.GetY()+4*rowH+20 > bottom {
		pdf.AddPage()
	}
	// The qualified-invoice form: the amount subject to each rate before tax, then its tax.
	rows := [][2]string{{fmt.Sprintf(t.subtotalFmt, q.TaxPercent), Yen(q.Subtotal)}, {t.tax, Yen(q.Tax)}}
	if q.TaxPercent == 0 {
		rows = [][2]string{{t.plainSubtotal, Yen(q.Subtotal)}, {t.tax, t.noTaxAmount}}
	}
	amountRows(p, rows, t.total, Yen(q.Total), t.remarks)
	if q.Domain != "" {
		p.MultiCell(0, 5, t.domain+": "+q.Domain, "", "L")
	}
}
