// Package pdftext sets Japanese text in gofpdf documents with small embedded fonts: AddFonts
// plans simple TrueType subsets (printable ASCII under its own codes, up to 129 other
// characters each under codes 127–255 named uniXXXX), Page measures, aligns, shrinks and wraps
// text across them as gofpdf's CellFormat and MultiCell would, and Finish adds ToUnicode CMaps
// and the document dates' zone to gofpdf's output. It exists for quote's speed targets: gofpdf's
// own UTF-8 font path costs about ten times as much per document.
package pdftext
