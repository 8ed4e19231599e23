package quote

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/internal/pdftext"
)

// docLabels are a billing document's words in one language.
type docLabels struct {
	title, number, lead, totalLabel, corrects                                                  string
	issued, transaction, item, qty, unit, amount, subtotalFmt, taxFmt, total, remarks, reduced string
}

var docTexts = map[Lang]map[billing.Kind]docLabels{
	Japanese: {
		billing.Invoice:    {title: "請求書", number: "請求書番号", lead: "下記の通りご請求申し上げます。", totalLabel: "ご請求金額"},
		billing.CreditNote: {title: "返還請求書", number: "返還請求書番号", lead: "下記の通り返還いたします。", totalLabel: "返還金額", corrects: "返還の対象となる請求書"},
		billing.Receipt:    {title: "領収書", number: "領収書番号", lead: "下記の通り領収いたしました。", totalLabel: "領収金額", corrects: "対象の請求書"},
	},
	English: {
		billing.Invoice:    {title: "INVOICE", number: "Invoice No.", lead: "We invoice you as follows.", totalLabel: "Amount due"},
		billing.CreditNote: {title: "CREDIT NOTE", number: "Credit note No.", lead: "We credit you as follows.", totalLabel: "Amount credited", corrects: "Invoice credited"},
		billing.Receipt:    {title: "RECEIPT", number: "Receipt No.", lead: "We acknowledge receipt as follows.", totalLabel: "Amount received", corrects: "Invoice paid"},
	},
}

// docCommon are the words every kind shares, per language.
var docCommon = map[Lang]docLabels{
	Japanese: {issued: "発行日", transaction: "取引年月日", item: "品名", qty: "数量", unit: "単価", amount: "金額",
		subtotalFmt: "%d%%対象（税抜）", taxFmt: "消費税（%d%%）", total: "合計（税込）", remarks: "備考", reduced: "※は軽減税率の対象です。"},
	English: {issued: "Date of issue", transaction: "Date of transaction", item: "Item", qty: "Qty", unit: "Unit price", amount: "Amount",
		subtotalFmt: "Subject to %d%% (excl. tax)", taxFmt: "Consumption tax (%d%%)", total: "Total (incl. tax)", remarks: "Remarks", reduced: "* subject to the reduced rate"},
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
	t.issued, t.transaction, t.item, t.qty, t.unit, t.amount = c.issued, c.transaction, c.item, c.qty, c.unit, c.amount
	t.subtotalFmt, t.taxFmt, t.total, t.remarks, t.reduced = c.subtotalFmt, c.taxFmt, c.total, c.remarks, c.reduced
	return t, nil
}

// documentRunes lists every character a document may draw.
func (r *Renderer) documentRunes(d billing.Document, t docLabels, lang Lang) []rune {
	rs := []rune("0123456789 ,-/:%()※*")
	texts := []string{t.title, t.number, t.lead, t.totalLabel, t.corrects, t.issued, t.transaction, t.item, t.qty, t.unit, t.amount,
		t.subtotalFmt, t.taxFmt, t.total, t.remarks, t.reduced, texts[lang].regNo, texts[lang].tel, texts[lang].date(2000, 1, 1), "¥", "−",
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

func (r *Renderer) documentHeader(p *pdftext.Page, d billing.Document, t docLabels, lang Lang) {
	pdf := p.PDF()
	date := texts[lang].date
	p.SetSize(22)
	p.Cell(0, 14, t.title, "", 1, "C", false)
	p.SetSize(9)
	iy, im, id := d.IssuedAt.Date()
	ty, tm, td := d.TransactionDate.Date()
	for _, kv := range [][2]string{{t.number, d.Number}, {t.issued, date(iy, int(im), id)}, {t.transaction, date(ty, int(tm), td)}} {
		pdf.SetX(pageW - margin - 80)
		p.Cell(35, 5, kv[0], "", 0, "L", false)
		p.Cell(45, 5, kv[1], "", 1, "R", false)
	}
	top := pdf.GetY() + 3
	pdf.SetXY(margin, top)
	p.SetSize(13)
	p.MultiCell(95, 7, recipientLine(d.Customer, HonorificOrganization, lang), "B", "L")
	pdf.Ln(3)
	p.SetSize(9)
	p.MultiCell(95, 5, t.lead, "", "L")
	leftEnd := pdf.GetY()
	r.sellerBlock(p, texts[lang], top)
	pdf.SetXY(margin, max(leftEnd, pdf.GetY())+4)
	p.SetSize(14)
	p.Cell(40, 10, t.totalLabel, "B", 0, "L", false)
	p.Cell(55, 10, Yen(d.Total), "B", 1, "R", false)
	pdf.Ln(5)
}

// documentLines draws the lines, a reduced-rate one marked ※.
func (r *Renderer) documentLines(p *pdftext.Page, d billing.Document, t docLabels) {
	pdf := p.PDF()
	head := func() {
		p.SetSize(9)
		pdf.SetFillColor(230, 230, 230)
		p.Cell(colItem, rowH, t.item, "1", 0, "C", true)
		p.Cell(colQty, rowH, t.qty, "1", 0, "C", true)
		p.Cell(colUnit, rowH, t.unit, "1", 0, "C", true)
		p.Cell(colAmount, rowH, t.amount, "1", 1, "C", true)
	}
	head()
	for _, l := range d.Lines {
		name := l.Description
		if l.TaxPercent == reducedRate {
			name += " ※"
		}
		if pdf.GetY()+rowH > bottom {
			pdf.AddPage()
			head()
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
	p.SetSize(10)
	x := margin + colItem
	for _, rt := range d.Totals {
		for _, kv := range [][2]string{{fmt.Sprintf(t.subtotalFmt, rt.TaxPercent), Yen(rt.Net)}, {fmt.Sprintf(t.taxFmt, rt.TaxPercent), Yen(rt.Tax)}} {
			pdf.SetX(x)
			p.Cell(colQty+colUnit, rowH, kv[0], "1", 0, "L", false)
			p.Cell(colAmount, rowH, kv[1], "1", 1, "R", false)
		}
	}
	pdf.SetX(x)
	p.SetSize(12)
	p.Cell(colQty+colUnit, rowH+2, t.total, "1", 0, "L", false)
	p.Cell(colAmount, rowH+2, Yen(d.Total), "1", 1, "R", false)
	pdf.Ln(6)
	p.SetSize(9)
	p.Cell(0, 6, t.remarks, "B", 1, "L", false)
	for _, l := range d.Lines {
		if l.TaxPercent == reducedRate {
			p.MultiCell(0, 5, t.reduced, "", "L")
			break
		}
	}
	if d.Corrects != "" && t.corrects != "" {
		p.MultiCell(0, 5, t.corrects+": "+d.Corrects, "", "L")
	}
	if d.Note != "" {
		p.MultiCell(0, 5, d.Note, "", "L")
	}
}
