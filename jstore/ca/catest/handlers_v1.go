package catest

import (
	"crypto/x509"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var req ca.CreateRequest
	if !decodeBody(w, r, &req) {
		return
	}
	csr, cn, p := checkCreate(req)
	if p != nil {
		invalid(w, p.path, p.msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now()
	o := &order{
		id: randomID(8), req: req, csr: csr, commonName: cn, sans: req.SubjectAlternativeNames,
		root: req.RootType, status: ca.StatusPendingIssuance, createdAt: now, uniqueID: randomID(16), entitlement: uuid(),
		callbackURL: req.CallbackURL, subEnd: now.AddDate(req.Period, 0, 0),
	}
	if o.root == "" {
		o.root = ca.StarfieldSHA2
	}
	o.setDomains(names(cn, o.sans), nil, now, s.nextEntity)
	s.orders[o.id] = o
	s.order = append(s.order, o.id)
	s.post(o.callbackURL, o.action(ca.ActionOrderCreated, now))
	s.email(o, "CERT_DCV_UNIQUE_ID", req.Contact.Email, "Domain control for "+cn,
		"Your unique ID for these methods is "+o.uniqueID+". Place it in a DNS TXT record at the domain, or in /.well-known/pki-validation/"+fileName(o.root)+".", now)
	if !s.settle(w, o, now) {
		return
	}
	writeJSON(w, http.StatusAccepted, ca.CertificateIdentifier{CertificateID: o.id})
}

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	var req ca.CreateRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if _, _, p := checkCreate(req); p != nil {
		invalid(w, p.path, p.msg)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) nextEntity() int64 {
	s.entitySeq++
	return s.entitySeq
}

// settle validates every domain when auto-approval is on, then issues if it can; on false it
// has answered 500.
func (s *Server) settle(w http.ResponseWriter, o *order, now time.Time) bool {
	if s.cfg.autoApprove {
		for _, d := range o.domains {
			o.approve(d.name, ca.VerifyDomainZoneControl, now)
		}
	}
	if err := s.tryIssue(o, now); err != nil {
		writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", err.Error(), nil)
		return false
	}
	return true
}

// tryIssue signs the order's certificate once every domain is validated, for a new order or a
// reissue waiting on validation. It holds s.mu.
func (s *Server) tryIssue(o *order, now time.Time) error {
	if !o.validated() || (o.status != ca.StatusPendingIssuance && o.status != ca.StatusPendingRekey) {
		return nil
	}
	prev := o.current
	if ch := o.pending; ch != nil {
		o.csr, o.commonName, o.sans, o.root = ch.csr, ch.commonName, ch.sans, ch.root
	}
	cert, err := s.sign(o, now)
	if err != nil {
		return err
	}
	if prev != nil && o.pending != nil {
		prev.revokeAt = now.Add(o.pending.delay)
	}
	o.pending = nil
	o.current, o.status, o.completedAt = cert, ca.StatusIssued, now
	s.serials[serialHex(cert.cert)] = cert
	s.post(o.callbackURL, o.action(ca.ActionDomainValidated, now))
	if orgOf(o.req.Organization) != nil {
		s.post(o.callbackURL, o.action(ca.ActionOrgValidated, now))
	}
	s.post(o.callbackURL, o.action(ca.ActionIssued, now))
	s.email(o, "CERT_ISSUED", o.req.Contact.Email, "Your certificate for "+o.commonName+" is issued", "Serial "+serialHex(cert.cert), now)
	return nil
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		writeJSON(w, http.StatusOK, o.v1())
	})
}

// v1 is the order as GET /v1/certificates/{id} shows it.
func (o *order) v1() ca.Certificate {
	c := ca.Certificate{
		CertificateID: o.id, CommonName: o.commonName, Contact: o.req.Contact, CreatedAt: o.createdAt,
		DeniedReason: o.denied, Organization: orgOf(o.req.Organization), Period: o.req.Period, ProductType: o.req.ProductType,
		RevokedAt: o.revokedAt, RootType: o.root, SlotSize: o.req.SlotSize, Status: o.status, Progress: o.progress(),
	}
	for _, d := range o.domains {
		st := ca.SANPending
		switch d.status {
		case ca.DomainCompleted:
			st = ca.SANCompleted
		case ca.DomainInvalid, ca.DomainDropped, ca.DomainDroppedCAA, ca.DomainDroppedSafeBrowse:
			st = ca.SANInvalid
		}
		c.SubjectAlternativeNames = append(c.SubjectAlternativeNames, ca.SubjectAlternativeName{Name: d.name, Status: st})
	}
	if o.current != nil {
		c.SerialNumber = o.current.cert.SerialNumber.String()
		c.SerialNumberHex = serialHex(o.current.cert)
		c.ValidStart, c.ValidEnd = o.current.cert.NotBefore, o.current.cert.NotAfter
	}
	return c
}

func (o *order) progress() int {
	if o.current != nil && o.pending == nil {
		return 100
	}
	done := 0
	for _, d := range o.domains {
		if d.status == ca.DomainCompleted {
			done++
		}
	}
	return done * 90 / max(len(o.domains), 1)
}

func (s *Server) actions(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		writeJSON(w, http.StatusOK, o.actions)
	})
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		if o.current == nil || o.status == ca.StatusCanceled || o.status == ca.StatusDenied {
			conflict(w, "Certificate state does not allow download")
			return
		}
		writeJSON(w, http.StatusOK, s.bundle(o))
	})
}

// bundle is the order's current certificate and its chain, as a download answers them.
func (s *Server) bundle(o *order) ca.Bundle {
	chain := s.pki.Chain(o.current.brand)
	return ca.Bundle{
		PEMs:         ca.PEMs{Certificate: o.current.pem, Intermediate: chain.intPEM, Root: chain.rootPEM},
		SerialNumber: o.current.cert.SerialNumber.String(),
	}
}

func (s *Server) reissue(w http.ResponseWriter, r *http.Request) {
	var req ca.ReissueRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.DelayExistingRevoke != nil && (*req.DelayExistingRevoke < 0 || *req.DelayExistingRevoke > ca.MaxDelayExistingRevoke) {
		invalid(w, "delayExistingRevoke", "Delay revocation exceeds maximum")
		return
	}
	if req.RootType != "" && !req.RootType.Known() {
		invalid(w, "rootType", "`rootType` is invalid")
		return
	}
	s.withOrder(w, r, func(o *order, now time.Time) {
		if o.status != ca.StatusIssued && o.status != ca.StatusPendingRekey {
			conflict(w, "Certificate state does not allow reissue")
			return
		}
		csr, cn, sans, p := o.amend(req.CSR, req.CommonName, req.SubjectAlternativeNames)
		if p != nil {
			invalid(w, p.path, p.msg)
			return
		}
		ch := &change{csr: csr, commonName: cn, sans: sans, root: o.root, delay: 72 * time.Hour}
		if req.RootType != "" {
			ch.root = req.RootType
		}
		if req.DelayExistingRevoke != nil {
			ch.delay = time.Duration(*req.DelayExistingRevoke) * time.Hour
		}
		if req.CallbackURL != "" {
			o.callbackURL = req.CallbackURL
		}
		// A reissue before the previous one was issued replaces it.
		o.pending, o.status = ch, ca.StatusPendingRekey
		o.setDomains(names(ch.commonName, ch.sans), req.ForceDomainRevetting, now, s.nextEntity)
		if !s.settle(w, o, now) {
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
}

// amend takes the CSR, common name and SANs a reissue or renewal may change, keeping the
// order's own where the request leaves them out, and checks them by the product's rules.
func (o *order) amend(csrText, cn string, sans []string) (*x509.CertificateRequest, string, []string, *problem) {
	csr, name, list := o.csr, o.commonName, o.sans
	if csrText != "" {
		var p *problem
		if csr, p = parseCSR(csrText); p != nil {
			return nil, "", nil, p
		}
	}
	if cn != "" {
		name = cn
	}
	if sans != nil {
		list = sans
	}
	if p := checkNames(o.req.ProductType, name, list, o.req.SlotSize); p != nil {
		return nil, "", nil, p
	}
	return csr, name, list, nil
}

func (s *Server) renew(w http.ResponseWriter, r *http.Request) {
	var req ca.RenewRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.RootType != "" && !req.RootType.Known() {
		invalid(w, "rootType", "`rootType` is invalid")
		return
	}
	if req.Period < 0 || req.Period > 3 {
		invalid(w, "period", "`period` must be 1 to 3 years")
		return
	}
	s.withOrder(w, r, func(o *order, now time.Time) {
		if !o.inRenewalWindow(now) {
			conflict(w, "Certificate state does not allow renew")
			return
		}
		csr, cn, sans, p := o.amend(req.CSR, req.CommonName, req.SubjectAlternativeNames)
		if p != nil {
			invalid(w, p.path, p.msg)
			return
		}
		period := o.req.Period
		if req.Period != 0 {
			period = req.Period
		}
		// The paid coverage continues from where it ended, so no day is lost.
		base := o.subEnd
		if base.Before(now) {
			base = now
		}
		o.subEnd = base.AddDate(period, 0, 0)
		o.csr, o.commonName, o.sans = csr, cn, sans
		if req.RootType != "" {
			o.root = req.RootType
		}
		if req.CallbackURL != "" {
			o.callbackURL = req.CallbackURL
		}
		o.status = ca.StatusPendingIssuance
		o.setDomains(names(cn, sans), nil, now, s.nextEntity)
		if !s.settle(w, o, now) {
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	var req ca.RevokeRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if !req.Reason.Known() {
		invalid(w, "reason", "`reason` is invalid")
		return
	}
	s.withOrder(w, r, func(o *order, now time.Time) {
		if o.current == nil {
			notFound(w) // as documented: a certificate not issued is a 404
			return
		}
		if o.status != ca.StatusIssued && o.status != ca.StatusPendingRekey {
			conflict(w, "Certificate state does not allow revoke")
			return
		}
		o.status, o.revokedAt, o.pending = ca.StatusRevoked, now, nil
		o.current.revokeAt = now
		s.post(o.callbackURL, o.action(ca.ActionRevoked, now))
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) cancel(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, now time.Time) {
		if o.status != ca.StatusPendingIssuance || o.current != nil {
			conflict(w, "Certificate state does not allow cancel")
			return
		}
		o.status = ca.StatusCanceled
		for _, d := range o.domains {
			if d.status != ca.DomainCompleted {
				d.status, d.modifiedAt = ca.DomainInvalid, now
			}
		}
		s.post(o.callbackURL, o.action(ca.ActionOrderCanceled, now))
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) siteSeal(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	theme, locale := ca.Theme(q.Get("theme")), q.Get("locale")
	if theme != "" && !theme.Known() {
		invalid(w, "theme", "'theme' is invalid")
		return
	}
	if locale != "" && !validLocale(locale) {
		invalid(w, "locale", "'locale' is invalid")
		return
	}
	s.withOrder(w, r, func(o *order, _ time.Time) {
		if o.status != ca.StatusIssued {
			conflict(w, "Certificate state does not allow seal")
			return
		}
		// Parameters update a stored seal; absent ones keep it.
		if theme != "" {
			o.sealTheme = theme
		}
		if locale != "" {
			o.sealLocale = locale
		}
		writeJSON(w, http.StatusOK, ca.SiteSeal{HTML: sealHTML(o)})
	})
}

// validLocale accepts the shapes "ja" and "ja-JP".
func validLocale(l string) bool {
	lang, region, _ := strings.Cut(l, "-")
	lower := func(s string) bool { return !strings.ContainsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) }
	upper := func(s string) bool { return !strings.ContainsFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) }
	if len(lang) != 2 || !lower(lang) {
		return false
	}
	return !strings.Contains(l, "-") || len(region) == 2 && upper(region)
}

func (s *Server) callbackGet(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		if o.callbackURL == "" {
			writeError(w, http.StatusNotFound, "NOT_FOUND", "No callback registered", nil)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"callbackUrl": o.callbackURL})
	})
}

func (s *Server) callbackReplace(w http.ResponseWriter, r *http.Request) {
	u := r.URL.Query().Get("callbackUrl")
	if u == "" {
		invalid(w, "callbackUrl", "Callback url is missing")
		return
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		invalid(w, "callbackUrl", "Callback url is malformed")
		return
	}
	s.withOrder(w, r, func(o *order, _ time.Time) {
		o.callbackURL = u
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) callbackDelete(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, func(o *order, _ time.Time) {
		o.callbackURL = ""
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) verifyDomainControl(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	o, _, ok := s.lookup(w, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	if o.status != ca.StatusPendingIssuance && o.status != ca.StatusPendingRekey {
		s.mu.Unlock()
		conflict(w, "Certificate state does not allow domain control")
		return
	}
	var awaiting []string
	for _, d := range o.domains {
		if d.status == ca.DomainAwaiting {
			awaiting = append(awaiting, d.name)
		}
	}
	token, file := o.uniqueID, fileName(o.pendingRoot())
	s.mu.Unlock()

	// Lookups run without the lock: they wait on the network.
	found := map[string]ca.VerificationType{}
	for _, name := range awaiting {
		if kind, ok := s.checkDomain(r.Context(), name, token, file); ok {
			found[name] = kind
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now()
	for name, kind := range found {
		o.approve(name, kind, now)
	}
	if err := s.tryIssue(o, now); err != nil {
		writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", err.Error(), nil)
		return
	}
	if !o.validated() {
		conflict(w, "Domain control was not successful")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// pendingRoot is the root the next certificate is issued under.
func (o *order) pendingRoot() ca.RootType {
	if o.pending != nil {
		return o.pending.root
	}
	return o.root
}

func (s *Server) email(o *order, template, to, subject, body string, now time.Time) {
	s.emailSeq++
	o.emails = append(o.emails, ca.EmailHistory{
		ID: s.emailSeq, AccountID: 1000, TemplateType: template, FromType: "SSL_SUPPORT",
		Recipients: to, Subject: subject, Body: body, DateEntered: now,
	})
}

func (o *order) findEmail(id string) *ca.EmailHistory {
	i := slices.IndexFunc(o.emails, func(e ca.EmailHistory) bool { return itoa(e.ID) == id })
	if i < 0 {
		return nil
	}
	return &o.emails[i]
}
