// Package ttf reads Japanese TrueType fonts for quote's PDFs: Parse checks a font once (tables,
// Unicode cmaps of formats 4 and 12, embedding licence), Subset writes a font holding only the
// glyphs a document draws (composite parts included) with a cmap of its own, and the metrics a
// PDF font descriptor needs. Find locates the installed IPA fonts.
package ttf
