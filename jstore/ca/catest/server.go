package catest

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// Server simulates the Certificates API on a loopback listener. It is safe for concurrent use.
type Server struct {
	cfg config
	pki *PKI
	ts  *httptest.Server

	mu        sync.Mutex
	orders    map[string]*order
	order     []string // IDs in creation order, for the v2 list
	serials   map[string]*issued
	entitySeq int64
	emailSeq  int64
	faults    map[string][]Fault
	rng       *rand.Rand
	hits      map[string]int

	wg sync.WaitGroup // callbacks in flight
}

// NewServer starts a simulator. Close it when done.
func NewServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("catest: NewServer: option %d is nil", i)
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	p := cfg.pki
	if p == nil {
		var err error
		if p, err = NewPKI(); err != nil {
			return nil, err
		}
	}
	s := &Server{
		cfg: cfg, pki: p,
		orders:  map[string]*order{},
		serials: map[string]*issued{},
		faults:  map[string][]Fault{},
		rng:     rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15)),
		hits:    map[string]int{},
	}
	s.ts = httptest.NewServer(s.routes())
	return s, nil
}

// URL is the base URL to hand to ca.WithBaseURL.
func (s *Server) URL() string { return s.ts.URL }

// HTTPClient returns a client for the server.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// Credentials are the key and secret the server accepts.
func (s *Server) Credentials() (key, secret string) { return s.cfg.key, s.cfg.secret }

// CustomerID is the customer UUID the v2 routes answer for.
func (s *Server) CustomerID() string { return s.cfg.customerID }

// PKI is the simulator's chains.
func (s *Server) PKI() *PKI { return s.pki }

// RootPool is a pool holding the simulator's root of brand b alone: what a Service must trust
// (jstore.WithTrustedRoots) for the simulator's certificates to verify.
func (s *Server) RootPool(b Brand) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.pki.Chain(b).Root)
	return p
}

// Close stops the server and waits for callbacks in flight.
func (s *Server) Close() {
	s.ts.Close()
	s.wg.Wait()
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	h := func(pattern, op string, fn func(http.ResponseWriter, *http.Request)) {
		mux.Handle(pattern, s.guard(op, fn))
	}
	h("POST /v1/certificates", "certificate_create", s.create)
	h("POST /v1/certificates/validate", "certificate_validate", s.validate)
	h("GET /v1/certificates/{certificateId}", "certificate_get", s.get)
	h("GET /v1/certificates/{certificateId}/actions", "certificate_action_retrieve", s.actions)
	h("GET /v1/certificates/{certificateId}/download", "certificate_download", s.download)
	h("POST /v1/certificates/{certificateId}/reissue", "certificate_reissue", s.reissue)
	h("POST /v1/certificates/{certificateId}/renew", "certificate_renew", s.renew)
	h("POST /v1/certificates/{certificateId}/revoke", "certificate_revoke", s.revoke)
	h("POST /v1/certificates/{certificateId}/cancel", "certificate_cancel", s.cancel)
	h("POST /v1/certificates/{certificateId}/verifyDomainControl", "certificate_verifydomaincontrol", s.verifyDomainControl)
	h("GET /v1/certificates/{certificateId}/siteSeal", "certificate_siteseal_get", s.siteSeal)
	h("GET /v1/certificates/{certificateId}/callback", "certificate_callback_get", s.callbackGet)
	h("PUT /v1/certificates/{certificateId}/callback", "certificate_callback_replace", s.callbackReplace)
	h("DELETE /v1/certificates/{certificateId}/callback", "certificate_callback_delete", s.callbackDelete)
	h("GET /v1/certificates/{certificateId}/email/history", "certificate_email_history", s.emailHistory)
	// The three resend routes overlap as patterns, so one handler tells them apart.
	resend := map[string]http.Handler{
		"certificate_resend_email":            s.guard("certificate_resend_email", s.resendEmail),
		"certificate_alternate_email_address": s.guard("certificate_alternate_email_address", s.alternateEmail),
		"certificate_resend_email_address":    s.guard("certificate_resend_email_address", s.resendEmailTo),
	}
	mux.HandleFunc("POST /v1/certificates/{certificateId}/email/{rest...}", func(w http.ResponseWriter, r *http.Request) {
		op := resendRoute(r)
		if op == "" {
			writeError(w, http.StatusNotFound, "NOT_FOUND", "Unknown route", nil)
			return
		}
		resend[op].ServeHTTP(w, r)
	})
	h("GET /v2/certificates", "certificate_get_entitlement", s.byEntitlement)
	h("GET /v2/certificates/download", "certificate_download_entitlement", s.downloadByEntitlement)
	h("GET /v2/customers/{customerId}/certificates/acme/externalAccountBinding", "getAcmeExternalAccountBinding", s.externalAccountBinding)
	h("GET /v2/customers/{customerId}/certificates", "getCustomerCertificatesByCustomerId", s.list)
	h("GET /v2/customers/{customerId}/certificates/{certificateId}", "getCertificateDetailByCertIdentifier", s.detail)
	h("GET /v2/customers/{customerId}/certificates/{certificateId}/domainVerifications", "getDomainInformationByCertificateId", s.domainVerifications)
	h("GET /v2/customers/{customerId}/certificates/{certificateId}/domainVerifications/{domain}", "getDomainDetailsByDomain", s.domainVerification)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Unknown route", nil)
	})
	return mux
}

// resendRoute names the resend operation of the path and sets its path values: email/{id}/resend,
// email/resend/{address} or email/{id}/resend/{address}.
func resendRoute(r *http.Request) string {
	parts := strings.Split(r.PathValue("rest"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "resend" && strings.Contains(parts[1], "@"):
		r.SetPathValue("emailAddress", parts[1])
		return "certificate_alternate_email_address"
	case len(parts) == 2 && parts[1] == "resend":
		r.SetPathValue("emailId", parts[0])
		return "certificate_resend_email"
	case len(parts) == 3 && parts[1] == "resend":
		r.SetPathValue("emailId", parts[0])
		r.SetPathValue("emailAddress", parts[2])
		return "certificate_resend_email_address"
	}
	return ""
}

// guard checks the sso-key header, counts the request and applies the route's faults.
func (s *Server) guard(op string, fn func(http.ResponseWriter, *http.Request)) http.Handler {
	want := "sso-key " + s.cfg.key + ":" + s.cfg.secret
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != want {
			// The real 401 body is usually empty.
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		f := s.draw(op)
		if s.throttle(w) {
			return
		}
		s.apply(f, w, r, fn)
	})
}

// Hits is how many authenticated requests reached the route op (an operationId), faulted ones
// included.
func (s *Server) Hits(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[op]
}

// AllHits is Hits for every route that was hit, by operationId.
func (s *Server) AllHits() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.hits)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "encoding failed", nil)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorBody struct {
	Code          string          `json:"code"`
	Message       string          `json:"message,omitzero"`
	Fields        []ca.FieldError `json:"fields,omitzero"`
	RetryAfterSec int             `json:"retryAfterSec,omitzero"`
}

func writeError(w http.ResponseWriter, status int, code, msg string, fields []ca.FieldError) {
	writeJSON(w, status, errorBody{Code: code, Message: msg, Fields: fields})
}

func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "NOT_FOUND", "Certificate id not found", nil)
}

func conflict(w http.ResponseWriter, msg string) {
	writeError(w, http.StatusConflict, "CONFLICT", msg, nil)
}

func invalid(w http.ResponseWriter, path, msg string) {
	writeError(w, http.StatusUnprocessableEntity, "INVALID_INPUT", msg, []ca.FieldError{{Code: "INVALID", Path: path, Message: msg}})
}

// decodeBody reads a JSON body of at most 1 MiB, refusing unknown fields as the API does.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_BODY", "Request body is not valid JSON for this operation", nil)
		return false
	}
	return true
}

// lookup returns the order for the path's certificateId with the clock applied, and the time.
// The caller holds s.mu. On false it has already answered 404.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request) (*order, time.Time, bool) {
	o := s.orders[r.PathValue("certificateId")]
	if o == nil {
		notFound(w)
		return nil, time.Time{}, false
	}
	now := s.cfg.now()
	o.refresh(now)
	return o, now, true
}

// withOrder runs fn on the path's order under the server's lock, with the clock applied; an
// unknown ID has been answered 404.
func (s *Server) withOrder(w http.ResponseWriter, r *http.Request, fn func(o *order, now time.Time)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, now, ok := s.lookup(w, r); ok {
		fn(o, now)
	}
}

// uuid is a random UUID (version 4), the shape of the CA's entitlement and customer IDs.
func uuid() string {
	b := make([]byte, 16)
	_, _ = crand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = crand.Read(b)
	return hex.EncodeToString(b)
}

// post delivers an action to the order's callback URL in the background; delivery order is not
// guaranteed, as with any webhook.
func (s *Server) post(url string, a ca.Action) {
	if url == "" {
		return
	}
	body, _ := json.Marshal(a)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := s.cfg.callbacks.Do(req)
		if err != nil {
			return
		}
		_ = resp.Body.Close()
	}()
}

var errNoOrder = errors.New("catest: no such order")
