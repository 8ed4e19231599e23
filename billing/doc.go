// Package billing keeps the documents a Japanese reseller bills with — 請求書 (qualified
// invoices, 適格請求書), 返還請求書 (credit notes) and 領収書 (receipts) — as an archive that
// meets 電子帳簿保存法: each document is numbered in a gap-free series of its own per seller and
// kind, stored once with its PDF and the PDF's SHA-256, never changed (a correction is a new
// document naming the one it corrects), searchable by issue date, amount and customer,
// combinably, and exported as CSV (WriteCSV) or as a zip of the PDFs with an index (WriteZip).
//
// A Biller issues them for a jstore.Service (jstore.WithBiller): the invoice of an order when
// it is completed (or of a certificate when it is issued), the credit note of a paid line
// refunded, naming its invoice, and the receipt of an invoice marked paid (MarkPaid).
//
// Numbering and storing are one transaction (Store.IssueDocument): the number is taken only
// when the document is made and stored, so a document that cannot be drawn, a store that
// fails or a crash leaves neither a gap nor a duplicate, also with several processes issuing
// at once; and a document is issued once per source, so issuing again after a crash returns
// the first.
package billing
