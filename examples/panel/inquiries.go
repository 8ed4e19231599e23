package main

import (
	"net/http"

	"github.com/jstore-sdk/sdk/jstore"
)

type inquiriesData struct {
	Inquiries    []jstore.Inquiry
	Certificates []jstore.Certificate
	Reasons      []jstore.RevocationReason
}

var reasons = []jstore.RevocationReason{jstore.ReasonKeyCompromise, jstore.ReasonSuperseded, jstore.ReasonAffiliationChanged,
	jstore.ReasonCessationOfOperation, jstore.ReasonPrivilegeWithdrawn}

func (a *app) inquiriesPage(w http.ResponseWriter, r *http.Request, ss *session) {
	a.showInquiries(w, r, ss, http.StatusOK, page{})
}

func (a *app) inquiriesData(r *http.Request, ss *session) (inquiriesData, error) {
	qs, err := a.svc.ListInquiries(r.Context(), ss.account, jstore.ListOptions{Limit: 100})
	if err != nil {
		return inquiriesData{}, err
	}
	cs, err := a.svc.ListCertificates(r.Context(), ss.account, jstore.ListOptions{Limit: 100})
	if err != nil {
		return inquiriesData{}, err
	}
	return inquiriesData{Inquiries: qs.Items, Certificates: cs.Items, Reasons: reasons}, nil
}

func (a *app) showInquiries(w http.ResponseWriter, r *http.Request, ss *session, status int, p page) {
	d, err := a.inquiriesData(r, ss)
	if err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	p.Data = d
	a.render(w, r, ss, status, "inquiries", p)
}

// inquire asks staff to revoke a certificate (お問い合わせ): revocation is never self-service.
func (a *app) inquire(w http.ResponseWriter, r *http.Request, ss *session) {
	_, err := a.svc.RequestRevocation(r.Context(), ss.account, jstore.CertificateID(r.PostFormValue("certificate")),
		jstore.RevocationReason(r.PostFormValue("reason")), r.PostFormValue("message"))
	if err != nil {
		d, derr := a.inquiriesData(r, ss)
		if derr != nil {
			a.fail(w, r, ss, "error", page{}, derr)
			return
		}
		a.fail(w, r, ss, "inquiries", page{Data: d, Form: r.PostForm}, err)
		return
	}
	a.showInquiries(w, r, ss, http.StatusOK, page{Notice: word(ss.lang, "inquiry_sent")})
}
