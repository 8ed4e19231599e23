package catest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// entitled returns the order of the query's entitlementId under the server's lock, or answers
// 422 for a missing ID and, when must, 404 for an unknown one. The caller holds s.mu.
func (s *Server) entitled(w http.ResponseWriter, r *http.Request, must bool) (*order, bool) {
	id := r.URL.Query().Get("entitlementId")
	if id == "" {
		invalid(w, "entitlementId", "Entitlement id not provided")
		return nil, false
	}
	for _, o := range s.orders {
		if o.entitlement == id {
			o.refresh(s.cfg.now())
			return o, true
		}
	}
	if must {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Entitlement id not found", nil)
		return nil, false
	}
	return nil, true
}

// byEntitlement answers GET /v2/certificates: the entitlement's certificates, none for an
// unknown one. An order here is one certificate across reissues and renewals, so latest changes
// nothing but is checked.
func (s *Server) byEntitlement(w http.ResponseWriter, r *http.Request) {
	if l := r.URL.Query().Get("latest"); l != "" && l != "true" && l != "false" {
		invalid(w, "latest", "`latest` must be true or false")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.entitled(w, r, false)
	if !ok {
		return
	}
	out := []ca.Certificate{}
	if o != nil {
		out = append(out, o.v1())
	}
	writeJSON(w, http.StatusOK, out)
}

// downloadByEntitlement answers GET /v2/certificates/download as the v1 download does.
func (s *Server) downloadByEntitlement(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.entitled(w, r, true)
	if !ok {
		return
	}
	if o.current == nil || o.status == ca.StatusCanceled || o.status == ca.StatusDenied {
		conflict(w, "Certificate state does not allow download")
		return
	}
	writeJSON(w, http.StatusOK, s.bundle(o))
}

// externalAccountBinding answers the customer's ACME credentials: stable for the server, the
// HMAC key base64url as ACME's EAB wants it.
func (s *Server) externalAccountBinding(w http.ResponseWriter, r *http.Request) {
	if !s.customer(w, r) {
		return
	}
	kid := sha256.Sum256([]byte(s.cfg.customerID))
	mac := sha256.Sum256([]byte(s.cfg.secret + "\x00" + s.cfg.customerID))
	writeJSON(w, http.StatusOK, ca.ExternalAccountBinding{
		DirectoryURL: s.URL() + "/acme/directory",
		KeyID:        "kid-" + hex.EncodeToString(kid[:6]),
		HMACKey:      base64.RawURLEncoding.EncodeToString(mac[:]),
	})
}

// Entitlement returns the entitlement ID of order certificateID, "" for an unknown order.
func (s *Server) Entitlement(certificateID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.orders[certificateID]; o != nil {
		return o.entitlement
	}
	return ""
}
