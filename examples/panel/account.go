package main

import (
	"net/http"

	"github.com/jstore-sdk/sdk/jstore"
)

func (a *app) accountPage(w http.ResponseWriter, r *http.Request, ss *session) {
	a.showAccount(w, r, ss, http.StatusOK, page{})
}

func (a *app) showAccount(w http.ResponseWriter, r *http.Request, ss *session, status int, p page) {
	acct, err := a.svc.GetAccount(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	p.Data = acct
	if p.Form == nil {
		c := acct.Customer
		p.Form = map[string][]string{"company": {c.Company}, "department": {c.Department}, "contact_name": {c.ContactName},
			"email": {c.Email}, "phone": {c.Phone}, "postal_code": {c.PostalCode}, "address": {c.Address}, "login_id": {acct.LoginID}}
	}
	a.render(w, r, ss, status, "account", p)
}

// accountUpdate handles the three forms of アカウント情報: customer information, login ID and
// password; the last two need the current password.
func (a *app) accountUpdate(w http.ResponseWriter, r *http.Request, ss *session) {
	var err error
	switch r.PathValue("form") {
	case "customer":
		err = a.svc.UpdateCustomer(r.Context(), ss.account, jstore.CustomerInfo{Company: r.PostFormValue("company"), Department: r.PostFormValue("department"),
			ContactName: r.PostFormValue("contact_name"), Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"),
			PostalCode: r.PostFormValue("postal_code"), Address: r.PostFormValue("address")})
	case "login-id":
		err = a.svc.ChangeLoginID(r.Context(), ss.account, r.PostFormValue("current"), r.PostFormValue("login_id"))
	case "password":
		err = a.svc.ChangePassword(r.Context(), ss.account, r.PostFormValue("current"), r.PostFormValue("password"))
	default:
		a.notFound(w, r, ss)
		return
	}
	form := r.PostForm
	form.Del("current")
	form.Del("password")
	if err != nil {
		acct, gerr := a.svc.GetAccount(r.Context(), ss.account)
		if gerr != nil {
			a.fail(w, r, ss, "error", page{}, gerr)
			return
		}
		a.fail(w, r, ss, "account", page{Data: acct, Form: form}, err)
		return
	}
	a.showAccount(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "saved")})
}
