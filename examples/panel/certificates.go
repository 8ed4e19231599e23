package main

import (
	"net/http"
	"strconv"

	"github.com/jstore-sdk/sdk/jstore"
)

type certificatesData struct {
	Page jstore.Page[jstore.Certificate]
}

// certificates lists the account's certificates (証明書管理), a page at a time.
func (a *app) certificates(w http.ResponseWriter, r *http.Request, ss *session) {
	p, err := a.svc.ListCertificates(r.Context(), ss.account, jstore.ListOptions{Cursor: r.URL.Query().Get("after"), Limit: 100})
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	a.render(w, r, ss, http.StatusOK, "certificates", page{Data: certificatesData{Page: p}})
}

// download re-delivers the certificate in the chosen format (発行済証明書再取得).
func (a *app) download(w http.ResponseWriter, r *http.Request, ss *session) {
	d, err := a.svc.Download(r.Context(), ss.account, jstore.CertificateID(r.PathValue("id")), jstore.DeliveryFormat(r.URL.Query().Get("format")))
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+d.FileName+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(d.Body)))
	_, _ = w.Write(d.Body)
}
