package main

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

type quoteData struct {
	Products []jstore.Product
	NoFont   string // what to say when the server cannot make PDFs
}

func (a *app) quotePage(w http.ResponseWriter, r *http.Request, ss *session) {
	a.render(w, r, ss, http.StatusOK, "quote", page{Data: a.quoteData(ss)})
}

func (a *app) quoteData(ss *session) quoteData {
	d := quoteData{Products: a.svc.Catalogue().Products()}
	if a.renderer == nil {
		d.NoFont = noFont(ss.lang)
	}
	return d
}

// noFont says the server lacks the font for quote PDFs, naming the package.
func noFont(lang string) string {
	return word(lang, "no_font", message.With("package", message.Literal("fonts-ipaexfont-gothic")))
}

// quote renders a quote (見積取得) at the account's contract price, without the cart.
func (a *app) quote(w http.ResponseWriter, r *http.Request, ss *session) {
	term, _ := strconv.Atoi(r.PostFormValue("term"))
	slots, _ := strconv.Atoi(r.PostFormValue("san_slots"))
	qty, _ := strconv.Atoi(r.PostFormValue("quantity"))
	honorific := quote.HonorificOrganization
	if r.PostFormValue("honorific") == "person" {
		honorific = quote.HonorificPerson
	}
	req := quote.Request{Lines: []quote.LineRequest{{ProductCode: r.PostFormValue("product"), Term: term, SANSlots: slots, Quantity: qty}},
		Domain: r.PostFormValue("domain"), Recipient: r.PostFormValue("recipient"), Honorific: honorific}
	a.writeQuote(w, r, ss, req, "quote", page{Form: r.PostForm, Data: a.quoteData(ss)})
}

// cartQuote renders a quote of the whole cart (カートから見積書), one line per item.
func (a *app) cartQuote(w http.ResponseWriter, r *http.Request, ss *session) {
	c, err := a.svc.Cart(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.writeQuote(w, r, ss, quote.CartRequest(c, ""), "cart", page{Data: cartData{Cart: c}})
}

// writeQuote prices req at the account's contract and sends the PDF, or shows the problems on
// the page the request came from.
func (a *app) writeQuote(w http.ResponseWriter, r *http.Request, ss *session, req quote.Request, from string, p page) {
	acct, err := a.svc.GetAccount(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	req.ContractRef = acct.ContractRef
	if req.Recipient == "" {
		req.Recipient = acct.Customer.Company // the cart's quote is addressed to the account's company
	}
	if a.renderer == nil {
		p.Errors = []string{noFont(ss.lang)}
		a.render(w, r, ss, http.StatusServiceUnavailable, from, p)
		return
	}
	lang := quote.Japanese
	if ss.lang == "en" {
		lang = quote.English
	}
	q, err := a.quoter.Quote(r.Context(), req, quote.DrawableBy(a.renderer, lang))
	if err != nil {
		a.fail(w, r, ss, from, p, err)
		return
	}
	var pdf bytes.Buffer
	if err := a.renderer.Render(&pdf, q, lang); err != nil {
		a.fail(w, r, ss, from, p, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+q.Number+`.pdf"`)
	_, _ = w.Write(pdf.Bytes())
}
