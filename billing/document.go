package billing

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// Kind is what a document is.
type Kind string

// Kinds of document, each numbered in a series of its own per seller.
const (
	Invoice    Kind = "invoice"     // 請求書 (適格請求書)
	CreditNote Kind = "credit_note" // 返還請求書 (返還インボイス)
	Receipt    Kind = "receipt"     // 領収書
)

// Line is one line of a document: what was sold (or returned), how many, at what unit price
// before tax, the amount, and the consumption tax rate it is subject to.
type Line struct {
	Description string
	Quantity    int64
	UnitPrice   int64
	Amount      int64
	TaxPercent  int
}

// RateTotal is the amount before tax of a document's lines at one tax rate, and the tax on it,
// rounded once per document and rate as a qualified invoice must.
type RateTotal struct {
	TaxPercent int
	Net        int64
	Tax        int64
}

// Document is one stored document. Seq is its place in the seller's series for its kind,
// Number the number printed on it; the rest is what the document says.
type Document struct {
	ID     string
	Seller string // the series' owner: the seller's registration number, say
	Kind   Kind
	Seq    int64
	Number string
	// Source names what the document is for, once per series (see Store.IssueDocument).
	Source string

	Account  jstore.AccountID
	Customer string // the addressee printed on the document
	Order    jstore.OrderID
	// IssuedAt is when the document was issued; TransactionDate the date of the sale (or of the
	// return, for a credit note) it documents.
	IssuedAt        time.Time
	TransactionDate time.Time
	// Basis says what an invoice's TransactionDate is the date of: the order or the
	// certificate's issuance; the invoice prints it beside the date.
	Basis  jstore.BillingBasis
	Lines  []Line
	Totals []RateTotal
	Total  int64 // the lines and the tax, the amount billed (or returned)
	// Corrects is the number of the document this one corrects: the invoice a credit note
	// returns part of, or the document a correction replaces.
	Corrects string
	// Language is the language the document is drawn in.
	Language message.Lang
	// Note is printed under the remarks: an invoice's payment terms, say.
	Note string

	PDF    []byte
	SHA256 string // of PDF, hex
}

// ErrTampered is Verify's error for a document whose PDF is not the one it was stored with.
var ErrTampered = errors.New("billing: the document's PDF does not match its hash")

// Verify checks the PDF against the hash the document was stored with.
func (d Document) Verify() error {
	if Hash(d.PDF) != d.SHA256 {
		return ErrTampered
	}
	return nil
}

// DocumentID is the ID a store gives the document it stores n-th: IDs sort in the order n
// does — documents issued at one instant are listed in the order they were stored — and end
// in random characters, so that none can be guessed.
func DocumentID(n int64) string {
	return fmt.Sprintf("doc_%016x", uint64(n)) + strings.ToLower(rand.Text())[:12]
}

// Hash is the SHA-256 of a PDF, hex, as documents are stored with.
func Hash(pdf []byte) string {
	sum := sha256.Sum256(pdf)
	return hex.EncodeToString(sum[:])
}
