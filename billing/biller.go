package billing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// Drawer draws documents as PDF in one language. quote.Renderer.Drawer is one.
type Drawer interface {
	// CheckDocument reports what RenderDocument would refuse, before a number is taken.
	CheckDocument(d Document) error
	RenderDocument(w io.Writer, d Document) error
}

// Config configures a Biller.
type Config struct {
	Store Store
	// Drawers draw the documents per language. Japanese is required; a customer whose
	// language is English gets English documents when an English drawer is given.
	Drawers map[message.Lang]Drawer
	// Seller names the series the documents are numbered in: the seller's registration
	// number, say.
	Seller string
	// Rounding is how the tax at each rate is rounded, once per document and rate.
	Rounding Rounding
	// TaxPercent is the rate of an order that does not say its own; 0 means 10.
	TaxPercent int
	// PaymentTerms are printed on every invoice: the account to pay into and by when.
	PaymentTerms message.Text
	// Location is the zone of the dates printed; nil means Asia/Tokyo.
	Location *time.Location
	// Clock is the time documents are issued at; nil means time.Now.
	Clock func() time.Time
	// Number prints a document's number from its place in the series; nil gives
	// INV-000001, CRN-000001 and RCP-000001.
	Number func(kind Kind, seq int64) string
}

// Biller issues the Service's bills (jstore.WithBiller) as documents in the archive: the
// invoice of an order or of a certificate, and the credit note of a refunded line naming the
// invoice it corrects; and a receipt when an invoice is paid (MarkPaid).
type Biller struct {
	c Config
}

var _ jstore.Biller = (*Biller)(nil)

// NewBiller checks c and returns its Biller.
func NewBiller(c Config) (*Biller, error) {
	switch {
	case c.Store == nil:
		return nil, errors.New("billing: NewBiller: no store")
	case c.Seller == "":
		return nil, errors.New("billing: NewBiller: no seller")
	case c.Drawers[message.Japanese] == nil:
		return nil, errors.New("billing: NewBiller: no Japanese drawer")
	case c.TaxPercent < 0 || c.TaxPercent > 100:
		return nil, fmt.Errorf("billing: NewBiller: tax rate %d%% is not 0 to 100", c.TaxPercent)
	}
	if c.TaxPercent == 0 {
		c.TaxPercent = 10
	}
	if c.Location == nil {
		tokyo, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			return nil, fmt.Errorf("billing: NewBiller: %w", err)
		}
		c.Location = tokyo
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.Number == nil {
		c.Number = defaultNumber
	}
	return &Biller{c: c}, nil
}

func defaultNumber(kind Kind, seq int64) string {
	prefix := map[Kind]string{Invoice: "INV", CreditNote: "CRN", Receipt: "RCP"}[kind]
	return fmt.Sprintf("%s-%06d", prefix, seq)
}

// Bill implements jstore.Biller: it issues b's invoice or credit note once, under b.Key. A
// credit note waits (an error) until the invoice it corrects is issued.
func (b *Biller) Bill(ctx context.Context, bill jstore.Bill) error {
	lang := b.lang(bill.Customer.Language)
	kind, sign := Invoice, int64(1)
	d := Document{Account: bill.Account, Customer: customerName(bill.Customer), Order: bill.Order,
		TransactionDate: bill.At.In(b.c.Location), Basis: bill.Basis}
	if bill.Kind == jstore.BillCredit {
		kind, sign, d.Basis = CreditNote, -1, ""
		inv, err := b.c.Store.FindDocument(ctx, b.c.Seller, Invoice, bill.Invoice)
		if err != nil {
			return fmt.Errorf("billing: the invoice %s the credit note corrects: %w", bill.Invoice, err)
		}
		d.Corrects = inv.Number
	} else {
		d.Note = b.c.PaymentTerms.Template(lang)
	}
	rate := bill.TaxPercent
	if rate == 0 {
		rate = b.c.TaxPercent
	}
	for _, l := range bill.Lines {
		d.Lines = append(d.Lines, Line{Description: lineDescription(l, lang), Quantity: 1, UnitPrice: sign * l.Amount, Amount: sign * l.Amount, TaxPercent: rate})
	}
	var err error
	if d.Totals, d.Total, err = Totals(d.Lines, b.c.Rounding); err != nil {
		return err
	}
	_, err = b.issue(ctx, kind, bill.Key, d, lang)
	return err
}

// MarkPaid issues the receipt (領収書) of the account's invoice id ("" for staff): the invoice
// less the credit notes that correct it, dated paidAt. Marking it paid again returns the same
// receipt.
func (b *Biller) MarkPaid(ctx context.Context, account jstore.AccountID, id string, paidAt time.Time) (Document, error) {
	inv, err := b.c.Store.GetDocument(ctx, account, id)
	if err != nil {
		return Document{}, err
	}
	if inv.Kind != Invoice {
		return Document{}, &Error{Code: "not_invoice"}
	}
	d := Document{Account: inv.Account, Customer: inv.Customer, Order: inv.Order, TransactionDate: paidAt.In(b.c.Location),
		Corrects: inv.Number, Lines: inv.Lines}
	credits, err := b.creditsOf(ctx, inv)
	if err != nil {
		return Document{}, err
	}
	totals := [][]RateTotal{inv.Totals}
	for _, c := range credits {
		d.Lines = append(d.Lines, c.Lines...)
		totals = append(totals, c.Totals)
	}
	if d.Totals, d.Total, err = combine(totals...); err != nil {
		return Document{}, err
	}
	return b.issue(ctx, Receipt, inv.Number, d, b.lang(inv.Language))
}

// creditsOf lists the credit notes that correct inv.
func (b *Biller) creditsOf(ctx context.Context, inv Document) ([]Document, error) {
	q := Query{Seller: b.c.Seller, Kind: CreditNote, Account: inv.Account, From: inv.IssuedAt, ListOptions: jstore.ListOptions{Limit: jstore.MaxPageLimit}}
	var out []Document
	for {
		page, err := b.c.Store.SearchDocuments(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Items {
			if d.Corrects == inv.Number {
				out = append(out, d)
			}
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}

// issue numbers, draws and stores d once for source: the drawer checks it before the number
// is taken, and it is drawn with that number inside the store's transaction.
func (b *Biller) issue(ctx context.Context, kind Kind, source string, d Document, lang message.Lang) (Document, error) {
	drawer := b.c.Drawers[lang]
	d.Kind, d.Language, d.IssuedAt = kind, lang, b.c.Clock().In(b.c.Location)
	if err := drawer.CheckDocument(d); err != nil {
		return Document{}, err
	}
	return b.c.Store.IssueDocument(ctx, b.c.Seller, kind, source, func(seq int64) (Document, error) {
		d.Number = b.c.Number(kind, seq)
		var pdf bytes.Buffer
		if err := drawer.RenderDocument(&pdf, d); err != nil {
			return Document{}, err
		}
		d.PDF, d.SHA256 = pdf.Bytes(), Hash(pdf.Bytes())
		return d, nil
	})
}

// lang is the language a customer's documents are in: theirs when there is a drawer for it.
func (b *Biller) lang(l message.Lang) message.Lang {
	if b.c.Drawers[l] != nil {
		return l
	}
	return message.Japanese
}

// customerName is the addressee: the company, or the contact for a customer without one.
func customerName(c jstore.CustomerInfo) string {
	if c.Company != "" {
		return c.Company
	}
	return c.ContactName
}
