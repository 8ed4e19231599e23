package catest

import (
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// ApproveDomain marks domain of order id validated, as if its owner had proved control, and
// issues the certificate once every domain is.
func (s *Server) ApproveDomain(id, domain string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil {
		return fmt.Errorf("%w: %s", errNoOrder, id)
	}
	now := s.cfg.now()
	if !o.approve(domain, ca.VerifyManualDomainAccessEmail, now) {
		return fmt.Errorf("catest: ApproveDomain: %s is not awaiting validation on %s", domain, id)
	}
	return s.tryIssue(o, now)
}

// Deny refuses a pending order, as vetting would.
func (s *Server) Deny(id, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil {
		return fmt.Errorf("%w: %s", errNoOrder, id)
	}
	if o.status != ca.StatusPendingIssuance {
		return fmt.Errorf("catest: Deny: order %s is %s", id, o.status)
	}
	o.status, o.denied = ca.StatusDenied, reason
	return nil
}

// UniqueID is the order's domain-control token, the value the DNS TXT record or the
// pki-validation file must hold.
func (s *Server) UniqueID(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil {
		return "", fmt.Errorf("%w: %s", errNoOrder, id)
	}
	return o.uniqueID, nil
}

// RevokedAt says whether the certificate with the hex serial is revoked at the simulator's
// present, and since when. A reissue's predecessor counts as revoked once its delay has run.
func (s *Server) RevokedAt(serialHex string) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.serials[strings.TrimLeft(strings.ToLower(serialHex), "0")]
	if c == nil || c.revokeAt.IsZero() || s.cfg.now().Before(c.revokeAt) {
		return time.Time{}, false
	}
	return c.revokeAt, true
}

// Orders lists the IDs of the orders for commonName (every order when it is empty), oldest
// first. Tests use it to prove that a request never made two orders.
func (s *Server) Orders(commonName string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.order {
		if o := s.orders[id]; commonName == "" || strings.EqualFold(o.req.CommonName, commonName) || strings.EqualFold(o.commonName, commonName) {
			out = append(out, id)
		}
	}
	return out
}
