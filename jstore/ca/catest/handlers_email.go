package catest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) emailHistory(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		if len(o.emails) == 0 {
			conflict(w, "Email history not found")
			return
		}
		writeJSON(w, http.StatusOK, o.emails)
	})
}

func (s *Server) resendEmail(w http.ResponseWriter, r *http.Request) {
	s.resend(w, r, "")
}

func (s *Server) resendEmailTo(w http.ResponseWriter, r *http.Request) {
	s.resend(w, r, r.PathValue("emailAddress"))
}

func (s *Server) resend(w http.ResponseWriter, r *http.Request, to string) {
	s.withOrder(w, r, func(o *order, now time.Time) {
		e := o.findEmail(r.PathValue("emailId"))
		if e == nil {
			conflict(w, "Email Id not found")
			return
		}
		if to == "" {
			to = e.Recipients
		}
		s.email(o, e.TemplateType, to, e.Subject, e.Body, now)
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) alternateEmail(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, now time.Time) {
		if o.status != ca.StatusPendingIssuance && o.status != ca.StatusPendingRekey {
			conflict(w, "Certificate state does not allow alternate email address")
			return
		}
		to := r.PathValue("emailAddress")
		for _, e := range append([]ca.EmailHistory(nil), o.emails...) {
			if e.TemplateType == "CERT_DCV_UNIQUE_ID" {
				s.email(o, e.TemplateType, to, e.Subject, e.Body, now)
			}
		}
		writeJSON(w, http.StatusOK, o.emails)
	})
}
