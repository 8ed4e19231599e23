package pdftext

import (
	"strings"

	"github.com/phpdave11/gofpdf"
)

// Page draws text in the document's fonts on a gofpdf document. Its Cell and MultiCell follow
// gofpdf's CellFormat and MultiCell (borders, alignment, cell margin, cursor moves), measuring
// and wrapping the text itself because one string may span several fonts.
type Page struct {
	pdf   *gofpdf.Fpdf
	fonts *Fonts
	size  float64 // points
}

// NewPage draws on pdf with fonts.
func NewPage(pdf *gofpdf.Fpdf, fonts *Fonts) *Page { return &Page{pdf: pdf, fonts: fonts} }

// PDF is the document drawn on, for what is not text (lines, images, the cursor).
func (p *Page) PDF() *gofpdf.Fpdf { return p.pdf }

// SetSize sets the type size; gofpdf also wants a current font before drawing a cell.
func (p *Page) SetSize(pt float64) {
	p.size = pt
	p.pdf.SetFont(fontFamily(0), "", pt)
}

// Cell draws s in a w×h box; w 0 reaches the right margin. ln 0 moves right, 1 to the start of
// the next line, 2 below. Text too wide for the box is set smaller to fit.
func (p *Page) Cell(w, h float64, s, border string, ln int, align string, fill bool) {
	x, y := p.pdf.GetXY()
	if w == 0 {
		w = p.rightEdge() - x
	}
	rs := p.fonts.runs(s)
	cm := p.pdf.GetCellMargin()
	// Text wider than its cell (a nine-digit total, say) is set smaller rather than overflow.
	size := p.size
	if tw := p.fonts.width(rs, size); tw > w-2*cm && tw > 0 {
		size *= (w - 2*cm) / tw
	}
	tw := p.fonts.width(rs, size)
	tx := x + cm
	switch align {
	case "R":
		tx = x + w - cm - tw
	case "C":
		tx = x + (w-tw)/2
	}
	p.pdf.CellFormat(w, h, "", border, ln, "", fill, 0, "")
	baseline := y + h/2 + 0.3*size/pointsPerMM
	for _, r := range rs {
		p.pdf.SetFont(fontFamily(r.font), "", size)
		p.pdf.Text(tx, baseline, r.text)
		tx += p.fonts.width([]run{r}, size)
	}
	p.pdf.SetFont(fontFamily(0), "", p.size)
}

// MultiCell wraps s to w (0: to the right margin) in lines of height h; border "B" draws a
// line under the last one. Afterwards x is at the left margin, as with gofpdf's MultiCell.
func (p *Page) MultiCell(w, h float64, s, border, align string) {
	if w == 0 {
		w = p.rightEdge() - p.pdf.GetX()
	}
	lines := p.Wrap(s, w-2*p.pdf.GetCellMargin())
	for i, line := range lines {
		b := ""
		if i == len(lines)-1 {
			b = border
		}
		p.Cell(w, h, line, b, 2, align, false)
	}
	left, _, _, _ := p.pdf.GetMargins()
	p.pdf.SetX(left)
}

// rightEdge is where the right margin starts.
func (p *Page) rightEdge() float64 {
	w, _ := p.pdf.GetPageSize()
	_, _, right, _ := p.pdf.GetMargins()
	return w - right
}

// Wrap breaks s into lines no wider than w millimetres: at the last space when the line has
// one (Latin text), otherwise before the character that does not fit (Japanese has no
// spaces), and at every newline.
func (p *Page) Wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		rs := []rune(para)
		start, space := 0, -1
		width := 0.0
		for i := 0; i < len(rs); i++ {
			if rs[i] == ' ' {
				space = i
			}
			width += p.fonts.runeWidth(rs[i], p.size)
			if width <= w || i == start {
				continue
			}
			end, next := i, i
			if space > start {
				end, next = space, space+1
			}
			lines = append(lines, string(rs[start:end]))
			start, space, width = next, -1, 0
			i = next - 1
		}
		lines = append(lines, string(rs[start:]))
	}
	return lines
}
