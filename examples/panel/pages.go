package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/jstore-sdk/sdk/jstore"
)

func (a *app) top(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.svc.Dashboard(r.Context(), ss.account)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "top", page{Data: d})
}

type applyData struct {
	Products []jstore.Product
	// Renewable are the certificates whose renewal window is open (証明書申請 更新), a page of
	// them, the soonest subscription end first; Next is the next page's cursor.
	Renewable []jstore.Certificate
	Next      string
}

func (a *app) applyPage(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applyData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "apply", page{Data: d})
}

// applyData lists the products and a page of the certificates renewable now, read from the
// store's index of subscription ends (the page's cost does not grow with the certificates held).
func (a *app) applyData(r *http.Request, ss *session) (applyData, error) {
	d := applyData{Products: a.svc.Catalogue().Products()}
	page, err := a.svc.ListRenewable(r.Context(), ss.account, jstore.ListOptions{Limit: renewablePage, Cursor: r.URL.Query().Get("renewable")})
	if err != nil {
		return d, err
	}
	d.Renewable, d.Next = page.Items, page.Next
	return d, nil
}

// renewablePage is how many renewable certificates 証明書申請 shows at once.
const renewablePage = 100

// apply starts a new application (証明書申請 新規) and goes on to step 1.
func (a *app) apply(w http.ResponseWriter, r *http.Request, ss *session) {
	term, _ := strconv.Atoi(r.PostFormValue("term"))
	slots, _ := strconv.Atoi(r.PostFormValue("san_slots"))
	app, err := a.svc.StartNew(r.Context(), ss.account, jstore.Selection{ProductCode: r.PostFormValue("product"), Term: term, SANSlots: slots})
	if err != nil {
		d, derr := a.applyData(r, ss)
		if derr != nil {
			a.fail(w, r, ss, "error", page{}, derr)
			return
		}
		a.fail(w, r, ss, "apply", page{Form: r.PostForm, Data: d}, err)
		return
	}
	http.Redirect(w, r, "/applications/"+string(app.ID)+"/step1", http.StatusSeeOther)
}

type applicationData struct {
	App     jstore.Application
	Product jstore.Product
	DCV     *jstore.DomainControl
	Check   *jstore.DCVCheck
	// OfferConvert: the renewal needs a change a renewal may not make, so a new order that
	// carries the remaining days over is offered.
	OfferConvert bool
}

// application shows an application: its steps, or once ordered the DCV instructions.
func (a *app) application(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "application", page{Data: d})
}

func (a *app) applicationData(r *http.Request, ss *session) (applicationData, error) {
	app, err := a.svc.GetApplication(r.Context(), ss.account, jstore.ApplicationID(r.PathValue("id")))
	if err != nil {
		return applicationData{}, err
	}
	d := applicationData{App: app}
	d.Product, _ = a.svc.Catalogue().Lookup(app.ProductCode)
	if app.CAOrderID != "" && app.Status == jstore.StatusOrdered {
		if dc, err := a.svc.DomainControl(r.Context(), ss.account, app.ID); err == nil {
			d.DCV = &dc
		}
	}
	return d, nil
}

// checkDCV runs the preflight (今すぐ確認) and, when every name passes, asks the CA to look.
func (a *app) checkDCV(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	check, err := a.svc.CheckDomainControl(r.Context(), ss.account, d.App.ID)
	if err != nil {
		a.fail(w, r, ss, "application", page{Data: d}, err)
		return
	}
	d.Check = &check
	p := page{Data: d}
	if check.Ready {
		if err := a.svc.RequestValidation(r.Context(), ss.account, d.App.ID); err != nil {
			a.fail(w, r, ss, "application", p, err)
			return
		}
		p.Notice = word(ss.lang, "check_ready")
	}
	a.render(w, r, ss, http.StatusOK, "application", p)
}

func (a *app) step1Page(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	form := map[string][]string{"csr": {d.App.CSR}, "sans": {strings.Join(d.App.SANs, "\n")},
		"org_name": {d.App.Organization.Name}, "org_address": {d.App.Organization.Address},
		"org_postal": {d.App.Organization.PostalCode}, "org_phone": {d.App.Organization.Phone}}
	a.render(w, r, ss, http.StatusOK, "step1", page{Data: d, Form: form})
}

// step1 registers the CSR (申請情報入力1); every problem is shown beside its field and what was
// typed stays in the form.
func (a *app) step1(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	st := jstore.Step1{CSR: r.PostFormValue("csr"), SANs: lines(r.PostFormValue("sans")), Organization: jstore.Organization{
		Name: r.PostFormValue("org_name"), Address: r.PostFormValue("org_address"), PostalCode: r.PostFormValue("org_postal"), Phone: r.PostFormValue("org_phone")}}
	if _, err := a.svc.SubmitStep1(r.Context(), ss.account, d.App.ID, st); err != nil {
		form := r.PostForm
		var ve *jstore.ValidationError
		if errors.As(err, &ve) && ve.Has("private_key") {
			form.Del("csr") // a pasted private key is never sent back
		}
		d.OfferConvert = errors.Is(err, jstore.ErrRenewalChange) && d.App.Kind == jstore.AppRenewal
		a.fail(w, r, ss, "step1", page{Data: d, Form: form}, err)
		return
	}
	http.Redirect(w, r, "/applications/"+string(d.App.ID)+"/step2", http.StatusSeeOther)
}

func (a *app) step2Page(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	form := map[string][]string{"dcv": {string(d.App.DCV)}, "approver": {d.App.ApproverEmail}, "root": {string(d.App.Root)}}
	a.render(w, r, ss, http.StatusOK, "step2", page{Data: d, Form: form})
}

// step2 registers the DCV method and root (申請情報入力2); the application is then orderable.
func (a *app) step2(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.applicationData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	st := jstore.Step2{DCV: jstore.DCVMethod(r.PostFormValue("dcv")), ApproverEmail: r.PostFormValue("approver"), Root: jstore.RootOption(r.PostFormValue("root"))}
	if _, err := a.svc.SubmitStep2(r.Context(), ss.account, d.App.ID, st); err != nil {
		a.fail(w, r, ss, "step2", page{Data: d, Form: r.PostForm}, err)
		return
	}
	if d.App.Kind == jstore.AppReissue { // free, so no cart: submitted from its page
		http.Redirect(w, r, "/applications/"+string(d.App.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// lines splits a text area into its non-empty lines.
func lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
