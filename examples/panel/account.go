package main

import (
	"net/http"
	"strings"

	"github.com/jstore-sdk/sdk/message"
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
			"email": {c.Email}, "phone": {c.Phone}, "postal_code": {c.PostalCode}, "address": {c.Address}, "login_id": {acct.LoginID},
			"alert_emails": {strings.Join(c.AlertEmails, "\n")}, "language": {string(c.Language)}}
	}
	a.render(w, r, ss, status, "account", p)
}

// accountUpdate handles the four forms of アカウント情報: customer information, who receives
// alerts and in which language, login ID and password; the last two need the current password.
func (a *app) accountUpdate(w http.ResponseWriter, r *http.Request, ss *session) {
	acct, err := a.svc.GetAccount(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	info := acct.Customer
	switch r.PathValue("form") {
	case "customer":
		info.Company, info.Department, info.ContactName = r.PostFormValue("company"), r.PostFormValue("department"), r.PostFormValue("contact_name")
		info.Email, info.Phone, info.PostalCode, info.Address = r.PostFormValue("email"), r.PostFormValue("phone"), r.PostFormValue("postal_code"), r.PostFormValue("address")
		err = a.svc.UpdateCustomer(r.Context(), ss.account, info)
	case "alerts":
		info.AlertEmails = strings.Fields(strings.ReplaceAll(r.PostFormValue("alert_emails"), ",", " "))
		info.Language = message.Lang(r.PostFormValue("language"))
		err = a.svc.UpdateCustomer(r.Context(), ss.account, info)
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
		a.fail(w, r, ss, "account", page{Data: acct, Form: form}, err)
		return
	}
	a.showAccount(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "saved")})
}
