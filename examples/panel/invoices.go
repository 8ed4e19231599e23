package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// The billing archive: a customer's invoices, credit notes and receipts with their PDFs, and
// staff's search across accounts by issue date, total and customer, its exports, and the
// receipt an invoice gets when staff mark it paid.

type invoicesData struct {
	Page   jstore.Page[billing.Document]
	Query  string // the search's query string, for the next page and the exports
	Drawn  bool   // false without a font: nothing is billed
	Search url.Values
}

// invoices lists the account's documents, 50 at a time, the newest first.
func (a *app) invoices(w http.ResponseWriter, r *http.Request, ss *session) {
	q := billing.Query{Seller: demoSeller, Account: ss.account, Newest: true, ListOptions: jstore.ListOptions{Cursor: r.URL.Query().Get("after")}}
	a.showInvoices(w, r, ss, "invoices", q, url.Values{}, page{})
}

// invoicePDF sends one of the account's documents, checked against its hash.
func (a *app) invoicePDF(w http.ResponseWriter, r *http.Request, ss *session) {
	a.sendPDF(w, r, ss, ss.account)
}

// staffInvoices is staff's search: issued from and to (calendar days, both included), total
// at least and at most, the addressee's name from its start, and the kind.
func (a *app) staffInvoices(w http.ResponseWriter, r *http.Request, ss *session) {
	q, form, ok := a.staffQuery(w, r, ss)
	if !ok {
		return
	}
	q.Cursor = form.Get("after")
	a.showInvoices(w, r, ss, "staff_invoices", q, form, page{Notice: a.noticeFrom(form, ss.lang)})
}

func (a *app) showInvoices(w http.ResponseWriter, r *http.Request, ss *session, name string, q billing.Query, form url.Values, p page) {
	found, err := a.store.SearchDocuments(r.Context(), q)
	if err != nil {
		a.fail(w, r, ss, name, page{Data: invoicesData{Drawn: a.biller != nil, Search: form}}, err)
		return
	}
	keep := url.Values{}
	for k, v := range form {
		if k != "after" && k != "paid" {
			keep[k] = v
		}
	}
	p.Data = invoicesData{Page: found, Query: keep.Encode(), Drawn: a.biller != nil, Search: form}
	a.render(w, r, ss, http.StatusOK, name, p)
}

// noticeFrom says which receipt marking an invoice paid issued.
func (a *app) noticeFrom(form url.Values, lang string) string {
	if n := form.Get("paid"); n != "" {
		return word(lang, "receipt_issued", message.With("number", message.Literal(n)))
	}
	return ""
}

// staffQuery reads staff's search from the request, or shows the form again with what could
// not be read beside its field.
func (a *app) staffQuery(w http.ResponseWriter, r *http.Request, ss *session) (billing.Query, url.Values, bool) {
	form := r.URL.Query()
	q, problems := a.invoiceQuery(form, ss.lang)
	if len(problems) > 0 {
		a.render(w, r, ss, http.StatusUnprocessableEntity, "staff_invoices", page{Problems: problems, Data: invoicesData{Drawn: a.biller != nil, Search: form}})
		return q, form, false
	}
	return q, form, true
}

// invoiceQuery reads staff's search form; a field that cannot be read is a problem beside it.
func (a *app) invoiceQuery(form url.Values, lang string) (billing.Query, map[string][]string) {
	q := billing.Query{Seller: demoSeller, Customer: strings.TrimSpace(form.Get("customer")), Kind: billing.Kind(form.Get("kind"))}
	problems := map[string][]string{}
	day := func(field string) time.Time {
		v := form.Get(field)
		if v == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(time.DateOnly, v, a.svc.Location())
		if err != nil {
			problems[field] = append(problems[field], word(lang, "bad_date"))
		}
		return t
	}
	yen := func(field string) (int64, bool) {
		v := strings.ReplaceAll(strings.TrimSpace(form.Get(field)), ",", "")
		if v == "" {
			return 0, false
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems[field] = append(problems[field], word(lang, "bad_amount"))
		}
		return n, err == nil
	}
	q.From = day("from")
	if to := day("to"); !to.IsZero() {
		q.To = to.AddDate(0, 0, 1) // the last day included
	}
	q.Min, q.HasMin = yen("min")
	q.Max, q.HasMax = yen("max")
	switch q.Kind {
	case "", billing.Invoice, billing.CreditNote, billing.Receipt:
	default:
		problems["kind"] = append(problems["kind"], word(lang, "bad_kind"))
	}
	return q, problems
}

// staffInvoicePDF sends any account's document.
func (a *app) staffInvoicePDF(w http.ResponseWriter, r *http.Request, ss *session) {
	a.sendPDF(w, r, ss, "")
}

func (a *app) sendPDF(w http.ResponseWriter, r *http.Request, ss *session, account jstore.AccountID) {
	d, err := a.store.GetDocument(r.Context(), account, r.PathValue("id"))
	if err == nil {
		err = d.Verify()
	}
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+d.Number+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(d.PDF)))
	_, _ = w.Write(d.PDF)
}

// markPaid issues the invoice's receipt (領収書) and shows the search again with its number.
func (a *app) markPaid(w http.ResponseWriter, r *http.Request, ss *session) {
	if a.biller == nil {
		a.notFound(w, r, ss)
		return
	}
	receipt, err := a.biller.MarkPaid(r.Context(), "", r.PathValue("id"), a.now())
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	back, _ := url.ParseQuery(r.PostFormValue("query"))
	back.Set("paid", receipt.Number)
	http.Redirect(w, r, "/staff/invoices?"+back.Encode(), http.StatusSeeOther)
}

// exportInvoices writes staff's search as CSV (UTF-8 with a BOM, or Shift_JIS) or as a zip of
// the PDFs with an index.
func (a *app) exportInvoices(w http.ResponseWriter, r *http.Request, ss *session) {
	q, form, ok := a.staffQuery(w, r, ss)
	if !ok {
		return
	}
	if err := q.Check(); err != nil {
		a.fail(w, r, ss, "staff_invoices", page{Data: invoicesData{Drawn: a.biller != nil, Search: form}}, err)
		return
	}
	opts := billing.ExportOptions{Lang: message.Lang(ss.lang), Location: a.svc.Location(), Replace: true}
	write, name, typ := billing.WriteCSV, "invoices.csv", "text/csv"
	switch form.Get("format") {
	case "sjis":
		opts.Encoding = jstore.ShiftJIS
	case "zip":
		write, name, typ = billing.WriteZip, "invoices.zip", "application/zip"
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if _, err := write(r.Context(), a.store, q, w, opts); err != nil {
		a.log.Warn("invoice export", "err", err) // the header is sent; the file ends where it failed
	}
}
