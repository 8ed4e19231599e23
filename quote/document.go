package quote

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/pdftext"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// docLabels are a billing document's words in one language: the quote's (item, quantity,
// unit price, amount, the amount per rate, dates, remarks, the seller's lines), and the
// document's own.
type docLabels struct {
	labels
	title, number, lead, totalLabel, corrects string // per kind
	transaction, taxFmt, grandTotal, reduced  string // per language
	colon                                     string // between a label and its value, per language
}

var docTexts = map[Lang]map[billing.Kind]docLabels{
	Japanese: {
		billing.Invoice:    {title: "請求書", number: "請求書番号", lead: "下記の通りご請求申し上げます。", totalLabel: "ご請求金額"},
		billing.CreditNote: {title: "返還請求書", number: "返還請求書番号", lead: "下記の通り返還いたします。", totalLabel: "返還金額", corrects: "返還の対象となる請求書", transaction: "返還年月日"},
		billing.Receipt:    {title: "領収書", number: "領収書番号", lead: "下記の通り領収いたしました。", totalLabel: "領収金額", corrects: "対象の請求書", transaction: "領収日"},
	},
	English: {
		billing.Invoice:    {title: "INVOICE", number: "Invoice No.", lead: "We invoice you as follows.", totalLabel: "Amount due"},
		billing.CreditNote: {title: "CREDIT NOTE", number: "Credit note No.", lead: "We credit you as follows.", totalLabel: "Amount credited", corrects: "Invoice credited", transaction: "Date of return"},
		billing.Receipt:    {title: "RECEIPT", number: "Receipt No.", lead: "We acknowledge receipt as follows.", totalLabel: "Amount received", corrects: "Invoice paid", transaction: "Date received"},
	},
}

// docCommon are the words every kind of document adds to the quote's, per language.
var docCommon = map[Lang]docLabels{
	Japanese: {transaction: "取引年月日", taxFmt: "消費税（%d%%）", grandTotal: "合計（税込）", reduced: "※は軽減税率の対象です。", colon: "："},
	English:  {transaction: "Date of transaction", taxFmt: "Consumption tax (%d%%)", grandTotal: "Total (incl. tax)", reduced: "* subject to the reduced rate", colon: ": "},
}

// basisTexts say what an invoice's transaction date is the date of, beside it.
var basisTexts = map[Lang]map[jstore.BillingBasis]string{
	Japanese: {jstore.BillOnOrder: "（注文日）", jstore.BillOnIssuance: "（証明書発行日）"},
	English:  {jstore.BillOnOrder: " (order)", jstore.BillOnIssuance: " (certificate issued)"},
}

// reducedRate is the consumption tax rate marked as reduced (軽減税率) on a document's lines.
const reducedRate = 8

// documentLabels are d's words in lang, or an error for a language or kind with none.
func documentLabels(d billing.Document, lang Lang) (docLabels, error) {
	t, ok := docTexts[lang][d.Kind]
	if !ok {
		return docLabels{}, fmt.Errorf("quote: no %s document in %q", d.Kind, lang)
	}
	c := docCommon[lang]
	t.labels = texts[lang]
	t.taxFmt, t.grandTotal, t.reduced, t.colon = c.taxFmt, c.grandTotal, c.reduced, c.colon
	if t.transaction == "" {
		t.transaction = c.transaction + basisTexts[lang][d.Basis]
	}
	return t, nil
}

// documentRunes lists every character a document may draw.
func (r *Renderer) documentRunes(d billing.Document, t docLabels, lang Lang) []rune {
	rs := []rune("0123456789 ,-/:%()※*")
	texts := []string{t.title, t.number, t.lead, t.totalLabel, t.corrects, t.issued, t.transaction, t.item, t.qty, t.unit, t.amount,
		t.subtotalFmt, t.taxFmt, t.grandTotal, t.remarks, t.reduced, t.colon, t.regNo, t.tel, t.date(2000, 1, 1), "¥", "−",
		recipientLine(d.Customer, HonorificOrganization, lang), d.Number, d.Corrects, d.Note, r.seller.Name, r.seller.Address, r.seller.Phone, r.seller.RegistrationNumber}
	for _, l := range d.Lines {
		texts = append(texts, l.Description)
	}
	var out []rune
	out = append(out, rs...)
	for _, s := range texts {
		out = append(out, []rune(s)...)
	}
	return out
}

// CheckDocument reports what RenderDocument would refuse of d in lang before anything is
// drawn or numbered: an unknown language or kind, or a *GlyphError for characters no font of
// r draws. A document without its number yet can be checked; billing.Store.IssueDocument's
// build function checks before it draws, so a refused document takes no number.
func (r *Renderer) CheckDocument(d billing.Document, lang Lang) error {
	t, err := documentLabels(d, lang)
	if err != nil {
		return err
	}
	if missing := r.missing(r.documentRunes(d, t, lang)); len(missing) > 0 {
		return &GlyphError{Missing: missing}
	}
	return nil
}

// RenderDocument draws a billing document — 請求書, 返還請求書 or 領収書 — as a PDF in lang,
// with every item a qualified invoice (適格請求書) must carry: the seller's name and
// registration number, the date of the transaction, what was sold (a reduced-rate line marked
// ※), the amount and the tax at each rate, and the addressee; and the document's number and
// issue date, the document a credit note or receipt refers to, and its note.
func (r *Renderer) RenderDocument(w io.Writer, d billing.Document, lang Lang) error {
	t, err := documentLabels(d, lang)
	if err != nil {
		return err
	}
	if len(d.Lines) == 0 || d.Number == "" {
		return errors.New("quote: RenderDocument: the document has no number or no lines")
	}
	pdf, p, fonts, err := r.begin(t.title+" "+d.Number, d.Number, d.IssuedAt, r.documentRunes(d, t, lang))
	if err != nil {
		return err
	}
	r.documentHeader(p, d, t, lang)
	r.documentLines(p, d, t)
	r.documentTotals(p, d, t)
	return r.end(w, pdf, fonts, d.IssuedAt)
}

// Drawer is r drawing billing documents in lang, for billing.Config.Drawers.
func (r *Renderer) Drawer(lang message.Lang) billing.Drawer {
	return documentDrawer{r: r, lang: Lang(lang)}
}

type documentDrawer struct {
	r    *Renderer
	lang Lang
}

func (d documentDrawer) CheckDocument(doc billing.Document) error {
	return d.r.CheckDocument(doc, d.lang)
}
func (d documentDrawer) RenderDocument(w io.Writer, doc billing.Document) error {
	return d.r.RenderDocument(w, doc, d.lang)
}

func (r *Renderer) documentHeader(p *pdftext.Page, d billing.Document, t docLabels, lang Lang) {
	iy, im, id := d.IssuedAt.Date()
	ty, tm, td := d.TransactionDate.Date()
	r.heading(p, t.labels, heading{title: t.title, factW: 35,
		facts:     [][2]string{{t.number, d.Number}, {t.issued, t.date(iy, int(im), id)}, {t.transaction, t.date(ty, int(tm), td)}},
		recipient: recipientLine(d.Customer, HonorificOrganization, lang), lead: t.lead, totalLabel: t.totalLabel, total: Yen(d.Total)})
}

// documentLines draws the lines under the quote's column header, a reduced-rate one marked ※.
func (r *Renderer) documentLines(p *pdftext.Page, d billing.Document, t docLabels) {
	pdf := p.PDF()
	r.tableHeader(p, t.labels)
	for _, l := range d.Lines {
		name := l.Description
		if l.TaxPercent == reducedRate {
			name += " ※"
		}
		if pdf.GetY()+rowH > bottom {
			pdf.AddPage()
			r.tableHeader(p, t.labels)
		}
		p.Cell(colItem, rowH, name, "1", 0, "L", false)
		p.Cell(colQty, rowH, strconv.FormatInt(l.Quantity, 10), "1", 0, "R", false)
		p.Cell(colUnit, rowH, Yen(l.UnitPrice), "1", 0, "R", false)
		p.Cell(colAmount, rowH, Yen(l.Amount), "1", 1, "R", false)
	}
}

// documentTotals draws the amount and the tax at each rate, the total and the remarks.
func (r *Renderer) documentTotals(p *pdftext.Page, d billing.Document, t docLabels) {
	pdf := p.PDF()
	if pdf.GetY()+float64(2*len(d.Totals)+1)*rowH+30 > bottom {
		pdf.AddPage()
	}
	var rows [][2]string
	for _, rt := range d.Totals {
		rows = append(rows, [2]string{fmt.Sprintf(t.subtotalFmt, rt.TaxPercent), Yen(rt.Net)}, [2]string{fmt.Sprintf(t.taxFmt, rt.TaxPercent), Yen(rt.Tax)})
	}
	amountRows(p, rows, t.grandTotal, Yen(d.Total), t.remarks)
	if slices.ContainsFunc(d.Lines, func(l billing.Line) bool { return l.TaxPercent == reducedRate }) {
		p.MultiCell(0, 5, t.reduced, "", "L")
	}
	if d.Corrects != "" && t.corrects != "" {
		p.MultiCell(0, 5, t.corrects+t.colon+d.Corrects, "", "L")
	}
	if d.Note != "" {
		p.MultiCell(0, 5, d.Note, "", "L")
	}
}
