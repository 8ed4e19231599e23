package catest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// customer answers 404 for any customer but the configured one.
func (s *Server) customer(w http.ResponseWriter, r *http.Request) bool {
	if r.PathValue("customerId") != s.cfg.customerID {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Customer not found", nil)
		return false
	}
	return true
}

func (o *order) summary(now time.Time) ca.CertificateSummary {
	c := ca.CertificateSummary{
		CertificateID: o.id, CommonName: o.commonName, Period: o.req.Period, Type: ca.CertificateType(o.req.ProductType),
		Status: o.status, CreatedAt: o.createdAt, CompletedAt: o.completedAt, RevokedAt: o.revokedAt,
		RenewalAvailable: o.inRenewalWindow(now), SlotSize: o.req.SlotSize, SubjectAlternativeNames: o.sans,
	}
	switch o.req.ProductType {
	case ca.ProductOVCodeSigning:
		c.Type = ca.TypeOVCodeSigning
	case ca.ProductOVDriverSigning:
		c.Type = ca.TypeOVDriverSigning
	}
	if o.current != nil {
		c.SerialNumber = o.current.cert.SerialNumber.String()
		c.ValidStartAt, c.ValidEndAt = o.current.cert.NotBefore, o.current.cert.NotAfter
	}
	return c
}

// list pages by offset (items skipped) and limit (default 50, at most 200); the links are
// absolute URLs on the same host.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	if !s.customer(w, r) {
		return
	}
	q := r.URL.Query()
	offset, limit := 0, 50
	for _, p := range []struct {
		name string
		v    *int
	}{{"offset", &offset}, {"limit", &limit}} {
		raw := q.Get(p.name)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || strings.HasPrefix(raw, "+") {
			invalid(w, p.name, "`"+p.name+"` must match ^[0-9]+$")
			return
		}
		*p.v = n
	}
	if limit == 0 || limit > 200 {
		invalid(w, "limit", "`limit` must be 1 to 200")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now()
	total := len(s.order)
	page := ca.CertificatePage{Certificates: []ca.CertificateSummary{}, Pagination: ca.Pagination{Total: total}}
	for _, id := range s.order[min(offset, total):min(offset+limit, total)] {
		o := s.orders[id]
		o.refresh(now)
		page.Certificates = append(page.Certificates, o.summary(now))
	}
	link := func(off int) string {
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: url.Values{"offset": {strconv.Itoa(off)}, "limit": {strconv.Itoa(limit)}}.Encode()}
		return u.String()
	}
	page.Pagination.First = link(0)
	page.Pagination.Last = link(max(total-1, 0) / limit * limit)
	if offset+limit < total {
		page.Pagination.Next = link(offset + limit)
	}
	if offset > 0 {
		page.Pagination.Previous = link(max(offset-limit, 0))
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) detail(w http.ResponseWriter, r *http.Request) {
	if !s.customer(w, r) {
		return
	}
	s.withOrder(w, r, func(o *order, now time.Time) {
		d := ca.CertificateDetail{
			CertificateSummary: o.summary(now), Contact: o.req.Contact, Organization: orgOf(o.req.Organization),
			CSR: o.req.CSR, RootType: o.root, DeniedReason: o.denied, Progress: o.progress(),
		}
		if o.current != nil {
			d.SerialNumberHex = serialHex(o.current.cert)
		}
		writeJSON(w, http.StatusOK, d)
	})
}

func (o *order) verification(d *domain) ca.DomainVerification {
	return ca.DomainVerification{
		Domain: d.name, DomainEntityID: d.entityID, Status: d.status, Type: d.kind, Usage: d.usage,
		CreatedAt: d.createdAt, ModifiedAt: d.modifiedAt, DCEToken: o.uniqueID,
	}
}

func (s *Server) domainVerifications(w http.ResponseWriter, r *http.Request) {
	if !s.customer(w, r) {
		return
	}
	s.withOrder(w, r, func(o *order, _ time.Time) {
		out := make([]ca.DomainVerification, len(o.domains))
		for i, d := range o.domains {
			out[i] = o.verification(d)
		}
		writeJSON(w, http.StatusOK, out)
	})
}

func (s *Server) domainVerification(w http.ResponseWriter, r *http.Request) {
	if !s.customer(w, r) {
		return
	}
	s.withOrder(w, r, func(o *order, _ time.Time) {
		name := r.PathValue("domain")
		for _, d := range o.domains {
			if strings.EqualFold(d.name, name) {
				caa := &ca.CAACheck{Status: ca.CAAPending}
				if d.status == ca.DomainCompleted {
					caa = &ca.CAACheck{Status: ca.CAASuccess, QueryPaths: []string{strings.TrimPrefix(d.name, "*.")}, CompletedAt: d.modifiedAt}
				}
				writeJSON(w, http.StatusOK, ca.DomainVerificationDetail{DomainVerification: o.verification(d), CAA: caa})
				return
			}
		}
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Domain not found on this certificate", nil)
	})
}
