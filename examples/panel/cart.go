package main

import (
	"net/http"
	"strconv"

	"github.com/jstore-sdk/sdk/jstore"
)

type cartData struct {
	Cart  jstore.Cart
	Order *jstore.Order
}

func (a *app) cart(w http.ResponseWriter, r *http.Request, ss *session) {
	c, err := a.svc.Cart(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "cart", page{Data: cartData{Cart: c}})
}

// confirmData is the 確認 page: the checked items priced as the order would be, each named.
type confirmData struct {
	Preview jstore.OrderPreview
	Rows    []confirmRow
}

type confirmRow struct {
	Line    jstore.OrderLine
	Product jstore.Product
}

// checked are the items the cart's form checked.
func checked(r *http.Request) []jstore.ApplicationID {
	var ids []jstore.ApplicationID
	for _, id := range r.PostForm["item"] {
		ids = append(ids, jstore.ApplicationID(id))
	}
	return ids
}

// confirm shows what the checked items cost — unit price, quantity and amount for each, the
// amount at each tax rate, the tax and the total — before anything is ordered.
func (a *app) confirm(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.confirmData(r, ss, checked(r))
	if err != nil {
		c, cerr := a.svc.Cart(r.Context(), ss.account)
		if cerr != nil {
			a.fail(w, r, ss, "error", page{}, cerr)
			return
		}
		a.fail(w, r, ss, "cart", page{Data: cartData{Cart: c}}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "confirm", page{Data: d})
}

func (a *app) confirmData(r *http.Request, ss *session, ids []jstore.ApplicationID) (confirmData, error) {
	p, err := a.svc.PreviewOrder(r.Context(), ss.account, ids)
	if err != nil {
		return confirmData{}, err
	}
	d := confirmData{Preview: p}
	for _, l := range p.Lines {
		row := confirmRow{Line: l}
		row.Product, _ = a.svc.Catalogue().Lookup(l.ProductCode)
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

// order completes the order of the confirmed items (注文完了). When the total shown on the
// 確認 page is no longer the price (a contract changed meanwhile), it shows the page again
// instead. A refusal or an outage leaves the cart as it was; ordering again is safe.
func (a *app) order(w http.ResponseWriter, r *http.Request, ss *session) {
	ids := checked(r)
	if shown := r.PostFormValue("total"); shown != "" {
		d, err := a.confirmData(r, ss, ids)
		if err == nil && strconv.FormatInt(d.Preview.Total, 10) != shown {
			a.render(w, r, ss, http.StatusConflict, "confirm", page{Data: d, Errors: []string{word(ss.lang, "price_changed")}})
			return
		}
	}
	o, orderErr := a.svc.CompleteOrder(r.Context(), ss.account, ids)
	c, err := a.svc.Cart(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	d := cartData{Cart: c}
	if orderErr != nil {
		if o.ID != "" {
			d.Order = &o // placed, though the CA refused or could not be reached for some items
		}
		a.fail(w, r, ss, "cart", page{Data: d}, orderErr)
		return
	}
	d.Order = &o
	a.render(w, r, ss, http.StatusOK, "cart", page{Data: d, Notice: word(ss.lang, "ordered")})
}

func (a *app) removeFromCart(w http.ResponseWriter, r *http.Request, ss *session) {
	if err := a.svc.RemoveFromCart(r.Context(), ss.account, jstore.ApplicationID(r.PathValue("id"))); err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}
