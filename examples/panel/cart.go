package main

import (
	"net/http"

	"github.com/jstore-sdk/sdk/jstore"
)

type cartData struct {
	Cart  jstore.Cart
	Order *jstore.Order
	Names map[jstore.ApplicationID]string // the ordered applications' common names
}

func (a *app) cart(w http.ResponseWriter, r *http.Request, ss *session) {
	c, err := a.svc.Cart(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "cart", page{Data: cartData{Cart: c}})
}

// order completes the order of the checked items (注文完了). A refusal or an outage leaves the
// cart as it was; ordering again is safe.
func (a *app) order(w http.ResponseWriter, r *http.Request, ss *session) {
	var ids []jstore.ApplicationID
	for _, id := range r.PostForm["item"] {
		ids = append(ids, jstore.ApplicationID(id))
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
			d.Order, d.Names = &o, a.commonNames(r, ss, o) // placed, though the CA refused or could not be reached for some items
		}
		a.fail(w, r, ss, "cart", page{Data: d}, orderErr)
		return
	}
	d.Order, d.Names = &o, a.commonNames(r, ss, o)
	a.render(w, r, ss, http.StatusOK, "cart", page{Data: d, Notice: word(ss.lang, "ordered")})
}

// commonNames are the common names of an order's applications, for its links to their domain
// validation.
func (a *app) commonNames(r *http.Request, ss *session, o jstore.Order) map[jstore.ApplicationID]string {
	names := map[jstore.ApplicationID]string{}
	for _, l := range o.Lines {
		if app, err := a.svc.GetApplication(r.Context(), ss.account, l.Application); err == nil {
			names[l.Application] = app.CommonName
		}
	}
	return names
}

func (a *app) removeFromCart(w http.ResponseWriter, r *http.Request, ss *session) {
	if err := a.svc.RemoveFromCart(r.Context(), ss.account, jstore.ApplicationID(r.PathValue("id"))); err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}
