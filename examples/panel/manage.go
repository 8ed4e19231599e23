package main

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/seal"
)

type certificateData struct {
	Cert     jstore.Certificate
	Product  jstore.Product
	Names    []string  // the common name and the SANs
	Reissue  time.Time // the next free reissue; zero when none is planned
	Formats  []jstore.DeliveryFormat
	History  []jstore.Event
	Seal     template.HTML
	Mail     bool
	Renewal  jstore.WindowSpan
	LastDay  time.Time // the renewal window's last calendar day (Closes is the midnight after it)
	CanRenew bool
}

// certificate shows one certificate: re-download, e-mail, renewal, reissue, its history and its
// site seal.
func (a *app) certificate(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.certificateData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	if q := r.URL.Query(); q.Has("seal") {
		d.Seal, err = a.svc.SiteSeal(r.Context(), ss.account, d.Cert.ID, seal.Style{Lang: q.Get("seal"), Dark: q.Get("theme") == "dark"})
		if err != nil {
			a.fail(w, r, ss, "certificate", page{Data: d}, err)
			return
		}
	}
	a.render(w, r, ss, http.StatusOK, "certificate", page{Data: d, Form: r.URL.Query()})
}

func (a *app) certificateData(r *http.Request, ss *session) (certificateData, error) {
	c, err := a.svc.GetCertificate(r.Context(), ss.account, jstore.CertificateID(r.PathValue("id")))
	if err != nil {
		return certificateData{}, err
	}
	d := certificateData{Cert: c, Mail: a.mail, Renewal: a.svc.RenewalWindowFor(c.SubscriptionEnd),
		Formats: []jstore.DeliveryFormat{jstore.FormatCertificate, jstore.FormatChain, jstore.FormatIntermediates, jstore.FormatPKCS7, jstore.FormatApache, jstore.FormatNginx, jstore.FormatIIS}}
	d.LastDay = d.Renewal.Closes.In(a.svc.Location()).AddDate(0, 0, -1)
	d.Product, _ = a.svc.Catalogue().Lookup(c.ProductCode)
	d.Names = []string{c.CommonName}
	for _, n := range c.SANs {
		if !slices.Contains(d.Names, n) {
			d.Names = append(d.Names, n)
		}
	}
	if due, _, ok := jstore.NextReissue(c); ok && c.Active() {
		d.Reissue = due
	}
	d.CanRenew = d.Renewal.Contains(a.now()) && c.Active() && c.LockedBy == ""
	if h, err := a.svc.History(r.Context(), ss.account, c.ID, jstore.ListOptions{}); err == nil {
		d.History = h.Items
	} else if !errors.Is(err, jstore.ErrCertificateLocked) {
		return certificateData{}, err
	}
	return d, nil
}

// send mails the certificate (発行済証明書再取得 by e-mail).
func (a *app) send(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.certificateData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	to := strings.Fields(strings.ReplaceAll(r.PostFormValue("to"), ",", " "))
	if err := a.svc.SendCertificate(r.Context(), ss.account, d.Cert.ID, jstore.DeliveryFormat(r.PostFormValue("format")), to...); err != nil {
		a.fail(w, r, ss, "certificate", page{Data: d, Form: r.PostForm}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "certificate", page{Data: d, Notice: word(ss.lang, "sent")})
}

// renew starts a renewal (証明書申請 更新) and goes on to its step 1.
// The renewal keeps the product and the SAN slot count; the customer chooses the term.
func (a *app) renew(w http.ResponseWriter, r *http.Request, ss *session) {
	c, err := a.svc.GetCertificate(r.Context(), ss.account, jstore.CertificateID(r.PathValue("id")))
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	term, _ := strconv.Atoi(r.PostFormValue("term"))
	app, err := a.svc.StartRenewal(r.Context(), ss.account, c.ID, jstore.Selection{Term: term, SANSlots: c.SANSlots})
	a.afterStart(w, r, ss, app, err)
}

// reissue starts a free reissue: a new CSR, the other root, SANs added or removed.
func (a *app) reissue(w http.ResponseWriter, r *http.Request, ss *session) {
	app, err := a.svc.StartReissue(r.Context(), ss.account, jstore.CertificateID(r.PathValue("id")))
	a.afterStart(w, r, ss, app, err)
}

func (a *app) afterStart(w http.ResponseWriter, r *http.Request, ss *session, app jstore.Application, err error) {
	if err != nil {
		d, derr := a.certificateData(r, ss)
		if derr != nil {
			a.fail(w, r, ss, "error", page{}, derr)
			return
		}
		a.fail(w, r, ss, "certificate", page{Data: d}, err)
		return
	}
	http.Redirect(w, r, "/applications/"+string(app.ID)+"/step1", http.StatusSeeOther)
}

// convert turns a renewal that needs a change it may not make into a new order that carries
// the remaining days over.
func (a *app) convert(w http.ResponseWriter, r *http.Request, ss *session) {
	id := jstore.ApplicationID(r.PathValue("id"))
	cur, err := a.svc.GetApplication(r.Context(), ss.account, id)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	app, err := a.svc.ConvertRenewalToNew(r.Context(), ss.account, id, jstore.Selection{ProductCode: cur.ProductCode, Term: cur.Term, SANSlots: cur.SANSlots})
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	http.Redirect(w, r, "/applications/"+string(app.ID)+"/step1", http.StatusSeeOther)
}

// submitReissue sends a registered reissue to the CA.
func (a *app) submitReissue(w http.ResponseWriter, r *http.Request, ss *session) {
	app, err := a.svc.SubmitReissue(r.Context(), ss.account, jstore.ApplicationID(r.PathValue("id")))
	if err != nil {
		d, derr := a.applicationData(r, ss)
		if derr != nil {
			a.fail(w, r, ss, "error", page{}, derr)
			return
		}
		a.fail(w, r, ss, "application", page{Data: d}, err)
		return
	}
	http.Redirect(w, r, "/applications/"+string(app.ID), http.StatusSeeOther)
}

// exportCSV writes the account's certificates as CSV (Shift_JIS when asked, for older Excel).
func (a *app) exportCSV(w http.ResponseWriter, r *http.Request, ss *session) {
	opts := jstore.CSVOptions{Lang: ss.lang, Replace: true}
	if r.URL.Query().Get("encoding") == "sjis" {
		opts.Encoding = jstore.ShiftJIS
	}
	w.Header().Set("Content-Type", "text/csv")
	w.Header().Set("Content-Disposition", `attachment; filename="certificates.csv"`)
	if _, err := a.svc.ExportCSV(r.Context(), ss.account, w, opts); err != nil {
		a.log.Warn("csv export", "err", err) // the header is sent; the file ends where it failed
	}
}
