package catest

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// order is one certificate order and its lineage of issued certificates.
type order struct {
	id          string
	req         ca.CreateRequest // as placed; CN, SANs, root and CSR follow reissues and renewals
	csr         *x509.CertificateRequest
	commonName  string
	sans        []string
	root        ca.RootType
	status      ca.Status
	createdAt   time.Time
	completedAt time.Time
	uniqueID    string
	entitlement string // the purchase the order fills, as the v2 entitlement routes name it
	domains     []*domain
	actions     []ca.Action
	current     *issued
	subEnd      time.Time // the paid coverage ends here
	revokedAt   time.Time
	denied      string
	callbackURL string
	sealTheme   ca.Theme
	sealLocale  string
	emails      []ca.EmailHistory
	pending     *change // a reissue waiting for validation
}

// domain is one name's validation.
type domain struct {
	name       string
	usage      ca.DomainUsage
	status     ca.DomainStatus
	kind       ca.VerificationType
	entityID   int64
	createdAt  time.Time
	modifiedAt time.Time
}

// issued is one certificate the simulator signed.
type issued struct {
	cert     *x509.Certificate
	pem      string
	brand    Brand
	revokeAt time.Time // zero: not revoked
}

// change is a reissue waiting for its new names to be validated.
type change struct {
	csr        *x509.CertificateRequest
	commonName string
	sans       []string
	root       ca.RootType
	delay      time.Duration
}

func (o *order) action(t ca.ActionType, now time.Time) ca.Action {
	a := ca.Action{Type: t, CreatedAt: now}
	o.actions = append(o.actions, a)
	return a
}

// names are the order's common name and SANs, without repeats.
func names(cn string, sans []string) []string {
	out := []string{cn}
	for _, s := range sans {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// setDomains makes the domain list for names, keeping what is already validated.
func (o *order) setDomains(ns []string, force []string, now time.Time, nextEntity func() int64) {
	old := o.domains
	o.domains = nil
	for i, n := range ns {
		d := &domain{name: n, usage: ca.UsageSAN, status: ca.DomainAwaiting, kind: ca.VerifyDomainZoneControl, createdAt: now, modifiedAt: now}
		if i == 0 {
			d.usage = ca.UsageCommonName
		}
		for _, p := range old {
			// A validation is reused only within the CA/Browser Forum's limit at this time
			// (BR §4.2.1: 10 days from 2029-03-15).
			if p.name == n && p.status == ca.DomainCompleted && !slices.Contains(force, n) && !slices.Contains(force, "*") && now.Sub(p.modifiedAt) <= cabf.DCVReuse(now) {
				d = p
				d.usage = ca.UsageSAN
				if i == 0 {
					d.usage = ca.UsageCommonName
				}
			}
		}
		if d.entityID == 0 {
			d.entityID = nextEntity()
		}
		o.domains = append(o.domains, d)
	}
}

func (o *order) validated() bool {
	for _, d := range o.domains {
		if d.status != ca.DomainCompleted {
			return false
		}
	}
	return true
}

func (o *order) approve(name string, kind ca.VerificationType, now time.Time) bool {
	for _, d := range o.domains {
		if strings.EqualFold(d.name, name) && d.status == ca.DomainAwaiting {
			d.status, d.kind, d.modifiedAt = ca.DomainCompleted, kind, now
			return true
		}
	}
	return false
}

// refresh applies what the clock alone changes: expiry and delayed revocations.
func (o *order) refresh(now time.Time) {
	// With certificates shorter than the paid period, the order lives on between them: it
	// expires when both its current certificate and its paid period have run out.
	if o.status == ca.StatusIssued && o.current != nil && !now.Before(o.current.cert.NotAfter) && !now.Before(o.subEnd) {
		o.status = ca.StatusExpired
	}
}

// inRenewalWindow: from 60 days before the order's expiry to 30 days after. The expiry is the
// end of the paid period: with certificates shorter than a year, a one-year order is served by
// several of them and is renewed once, near its end.
func (o *order) inRenewalWindow(now time.Time) bool {
	if o.current == nil || (o.status != ca.StatusIssued && o.status != ca.StatusExpired) {
		return false
	}
	return !now.Before(o.subEnd.AddDate(0, 0, -60)) && now.Before(o.subEnd.AddDate(0, 0, 30))
}

// Baseline Requirements policy identifiers (BR 7.1.6.4).
var (
	oidDV = asn1.ObjectIdentifier{2, 23, 140, 1, 2, 1}
	oidOV = asn1.ObjectIdentifier{2, 23, 140, 1, 2, 2}
	oidEV = asn1.ObjectIdentifier{2, 23, 140, 1, 1}
)

// sign issues a certificate for the order's key and names under its root, valid for the
// CA/Browser Forum lifetime at now and never past the paid coverage.
func (s *Server) sign(o *order, now time.Time) (*issued, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	serial.Add(serial, big.NewInt(1))
	start := now.Truncate(time.Second)
	end := start.Add(cabf.PlannedLifetime(start))
	if !o.subEnd.IsZero() && o.subEnd.Before(end) && o.subEnd.After(start) {
		end = o.subEnd
	}
	brand := brandOf(o.root)
	chain := s.pki.Chain(brand)
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: o.commonName},
		DNSNames:     names(o.commonName, o.sans),
		NotBefore:    start,
		NotAfter:     end,
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	switch o.req.ProductType {
	case ca.ProductOVSSL, ca.ProductOVWildcardSSL, ca.ProductUCCOVSSL:
		tmpl.PolicyIdentifiers = []asn1.ObjectIdentifier{oidOV}
	case ca.ProductEVSSL, ca.ProductUCCEVSSL:
		tmpl.PolicyIdentifiers = []asn1.ObjectIdentifier{oidEV}
	default:
		tmpl.PolicyIdentifiers = []asn1.ObjectIdentifier{oidDV}
	}
	if org := o.req.Organization; org != nil && len(tmpl.PolicyIdentifiers) == 1 && !tmpl.PolicyIdentifiers[0].Equal(oidDV) {
		tmpl.Subject.Organization = []string{org.Name}
		if org.Address != nil {
			tmpl.Subject.Country = []string{org.Address.Country}
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, chain.Intermediate, o.csr.PublicKey, chain.intermediateKey)
	if err != nil {
		return nil, fmt.Errorf("catest: signing: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &issued{cert: cert, pem: certPEM(der), brand: brand}, nil
}

// serialHex is the serial in lower-case hexadecimal without leading zeros, as jstore keeps it.
func serialHex(c *x509.Certificate) string { return c.SerialNumber.Text(16) }

// orgOf answers an order's organisation as the API does, from what the create sent.
func orgOf(o *ca.OrganizationCreate) *ca.Organization {
	if o == nil {
		return nil
	}
	return &ca.Organization{OrganizationCreate: *o}
}
