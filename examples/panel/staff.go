package main

import (
	"crypto/subtle"
	"net/http"

	"github.com/jstore-sdk/sdk/jstore"
)

// The staff page acts across accounts, so it has a login of its own, throttled like the
// customers', and a session that is staff and no customer.

func (a *app) staffPage(w http.ResponseWriter, r *http.Request, ss *session) {
	if !ss.staff {
		a.render(w, r, ss, http.StatusOK, "staff_login", page{})
		return
	}
	a.showStaff(w, r, ss, http.StatusOK, page{})
}

type staffData struct {
	Inquiries []jstore.Inquiry
	// Pending are the orders waiting at the CA simulator for domain control, which staff may
	// approve here (-manual-dcv); nil with a real CA.
	Pending []jstore.Application
}

func (a *app) showStaff(w http.ResponseWriter, r *http.Request, ss *session, status int, p page) {
	qs, err := a.svc.Staff().ListInquiries(r.Context(), jstore.InquiryOpen, jstore.ListOptions{Limit: 100})
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	d := staffData{Inquiries: qs.Items}
	if a.sim != nil {
		err := a.store.View(r.Context(), func(tx jstore.Tx) error {
			ps, err := tx.ListOrderedApplications(r.Context(), jstore.ListOptions{Limit: 100})
			for _, app := range ps.Items {
				if app.CAOrderID != "" {
					d.Pending = append(d.Pending, app)
				}
			}
			return err
		})
		if err != nil {
			a.fail(w, r, ss, "error", page{}, err)
			return
		}
	}
	p.Data = d
	a.render(w, r, ss, status, "staff", p)
}

// approve has the CA simulator find a domain's validation in place (-manual-dcv), as the real
// CA does once the customer's TXT record or file is there.
func (a *app) approve(w http.ResponseWriter, r *http.Request, ss *session) {
	if a.sim == nil {
		a.notFound(w, r, ss)
		return
	}
	if err := a.sim.ApproveDomain(r.PostFormValue("order"), r.PostFormValue("domain")); err != nil {
		a.showStaff(w, r, ss, http.StatusConflict, page{Errors: []string{err.Error()}})
		return
	}
	a.showStaff(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "saved")})
}

func (a *app) staffLogin(w http.ResponseWriter, r *http.Request, ss *session) {
	const who = "staff"
	attempt, ok, err := a.throttle.begin(r.Context(), who)
	if err != nil {
		a.fail(w, r, ss, "staff_login", page{}, err)
		return
	}
	if !ok {
		a.render(w, r, ss, http.StatusTooManyRequests, "staff_login", page{Errors: []string{word(ss.lang, "login_locked")}})
		return
	}
	if a.staffPassword == "" || subtle.ConstantTimeCompare([]byte(r.PostFormValue("password")), []byte(a.staffPassword)) != 1 {
		if err := a.throttle.end(r.Context(), who, attempt, jstore.LoginFailed); err != nil {
			a.fail(w, r, ss, "staff_login", page{}, err)
			return
		}
		a.render(w, r, ss, http.StatusUnauthorized, "staff_login", page{Errors: []string{word(ss.lang, "login_failed")}})
		return
	}
	if err := a.throttle.end(r.Context(), who, attempt, jstore.LoginSucceeded); err != nil {
		a.fail(w, r, ss, "staff_login", page{}, err)
		return
	}
	if err := a.sessions.login(r.Context(), ss, "", true); err != nil {
		a.fail(w, r, ss, "staff_login", page{}, err)
		return
	}
	http.SetCookie(w, a.sessions.cookie(ss, r))
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
}

// resolve revokes the certificate at the CA or declines the inquiry, with a note.
func (a *app) resolve(w http.ResponseWriter, r *http.Request, ss *session) {
	_, err := a.svc.Staff().Resolve(r.Context(), jstore.InquiryID(r.PathValue("id")), r.PostFormValue("action") == "revoke", r.PostFormValue("note"))
	if err != nil {
		a.fail(w, r, ss, "staff", page{}, err)
		return
	}
	a.showStaff(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "saved")})
}

// contract sets an account's contract (相対での仕切り) by its ID.
func (a *app) contract(w http.ResponseWriter, r *http.Request, ss *session) {
	if err := a.svc.Staff().SetContract(r.Context(), jstore.AccountID(r.PostFormValue("account")), r.PostFormValue("contract")); err != nil {
		a.fail(w, r, ss, "staff", page{Form: r.PostForm}, err)
		return
	}
	a.showStaff(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "saved")})
}

// staffOnly serves a page to a staff session only.
func (a *app) staffOnly(h handler) http.Handler {
	return a.public(func(w http.ResponseWriter, r *http.Request, ss *session) {
		if !ss.staff {
			http.Redirect(w, r, "/staff", http.StatusSeeOther)
			return
		}
		h(w, r, ss)
	})
}
