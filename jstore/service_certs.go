package jstore

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// Issuance is what the CA returned for an ordered application.
type Issuance struct {
	// CertificatePEM is the leaf certificate. Its public key must be the CSR's.
	CertificatePEM string
	// ValidatedAt is when the CA last validated the domains; zero means now.
	ValidatedAt time.Time
	// ChainPEM is the intermediates a server sends with the leaf, when known.
	ChainPEM string
}

// RecordIssuance stores the certificate issued for an ordered application. A new application
// starts a lineage (a carried-over one also marks the certificate it replaces); a renewal and a
// reissue update their lineage in place, keeping its ID and seal. Subscription ends:
//   - new: issuance plus the term;
//   - carried-over new: the old end (or issuance, if later) plus the term;
//   - renewal: the old end plus the term;
//   - reissue: unchanged.
//
// When the certificate itself runs past that end (a one-certificate subscription), its notAfter
// is the subscription end.
func (s *Service) RecordIssuance(ctx context.Context, account AccountID, id ApplicationID, is Issuance) (Certificate, error) {
	leaf, err := parseLeaf(is.CertificatePEM)
	if err != nil {
		return Certificate{}, err
	}
	return s.record(ctx, account, id, leaf, is)
}

// record stores leaf as application id's certificate.
func (s *Service) record(ctx context.Context, account AccountID, id ApplicationID, leaf *x509.Certificate, is Issuance) (Certificate, error) {
	now := s.now().UTC()
	if is.ValidatedAt.IsZero() {
		is.ValidatedAt = now
	}
	var out Certificate
	var billed OrderID
	err := s.store.Update(ctx, func(tx Tx) error {
		app, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		billed = app.Order
		if app.Status != StatusOrdered {
			return stateErr(string(id), "issue_not_allowed", arg("status", named(string(app.Status))))
		}
		if err := matchesCSR(leaf, app); err != nil {
			return err
		}
		var old Certificate
		if app.Certificate != "" {
			if old, err = tx.GetCertificate(ctx, account, app.Certificate); err != nil {
				return err
			}
			// A replacement ordered before its certificate was revoked is a paid new
			// certificate and still carries the revoked one's remaining days over.
			revokedReplaced := app.Kind == AppNew && app.CarryOver && old.Status == CertRevoked
			if !old.Active() && !revokedReplaced {
				return stateErr(string(id), "replaced_not_active", arg("certificate", message.Literal(old.ID)), arg("status", named(string(old.Status))))
			}
		}
		out, err = s.applyIssuance(ctx, tx, app, old, leaf, is, now)
		if err != nil {
			return err
		}
		app.Status, app.UpdatedAt = StatusIssued, now
		if app.Kind == AppNew {
			app.Certificate = out.ID
		}
		return tx.UpdateApplication(ctx, &app)
	})
	if err != nil {
		return Certificate{}, err
	}
	s.billNow(ctx, BillOnIssuance, lineKey(billed, id))
	return out, nil
}

func (s *Service) applyIssuance(ctx context.Context, tx Tx, app Application, old Certificate, leaf *x509.Certificate, is Issuance, now time.Time) (Certificate, error) {
	c := old
	if app.Kind == AppNew {
		c = Certificate{ID: CertificateID(newID("crt_")), Account: app.Account, SealID: newID("seal_"), CreatedAt: now,
			ProductCode: app.ProductCode, SANSlots: app.SANSlots, SubscriptionStart: now}
	}
	prevSerial := old.SerialHex
	c.Status, c.CommonName, c.SANs, c.Organization, c.Root = CertIssued, app.CommonName, app.SANs, app.Organization, app.Root
	c.SerialHex, c.PEM, c.NotBefore, c.NotAfter = leaf.SerialNumber.Text(16), pemOf(leaf), leaf.NotBefore.UTC(), leaf.NotAfter.UTC()
	c.ValidatedAt, c.ChainPEM = is.ValidatedAt.UTC(), is.ChainPEM
	if app.CAOrderID != "" {
		c.CAOrderID = app.CAOrderID
	}
	c.DCV, c.ApproverEmail = app.DCV, app.ApproverEmail
	c.Application, c.Issuer = app.ID, leaf.Issuer.CommonName
	if app.Order != "" {
		c.Order = app.Order
	}
	detail := map[string]string{"serial": c.SerialHex}
	if prevSerial != "" {
		detail["replaces_serial"] = prevSerial
	}
	var typ EventType
	switch app.Kind {
	case AppNew:
		typ = EventCertificateIssued
		from := now
		if p := app.Placement.FirstAt; !p.IsZero() && p.Before(now) {
			// The CA counts the paid period from the order, not from issuance: ending the
			// subscription later than the CA's period would leave its last days to reissues
			// the CA can only end at its own end, again and again.
			from = p
		}
		if app.CarryOver && old.SubscriptionEnd.After(now) {
			from = old.SubscriptionEnd
		}
		c.SubscriptionEnd = addYears(from, app.Term, s.loc).UTC()
	case AppRenewal:
		typ = EventCertificateRenewed
		c.SubscriptionEnd = addYears(old.SubscriptionEnd, app.Term, s.loc).UTC()
		c.LockedBy = ""
	case AppReissue:
		typ = EventCertificateReissued
		c.OpenReissue = ""
	}
	if c.NotAfter.After(c.SubscriptionEnd) {
		c.SubscriptionEnd = c.NotAfter
	}
	var err error
	if app.Kind == AppNew {
		if app.CarryOver {
			c.Replaces = old.ID
			detail["replaces"] = string(old.ID)
		}
		err = tx.CreateCertificate(ctx, &c)
	} else {
		err = tx.UpdateCertificate(ctx, &c)
	}
	if err != nil {
		return Certificate{}, err
	}
	if err := s.event(ctx, tx, Event{Account: app.Account, Type: typ, Application: app.ID, Certificate: c.ID, Order: app.Order, Detail: detail}); err != nil {
		return Certificate{}, err
	}
	if app.Kind == AppNew && app.CarryOver {
		old.ReplacedBy, old.LockedBy = c.ID, ""
		if old.Status == CertIssued {
			old.Status = CertReplaced // a revoked one stays revoked
		}
		if err := tx.UpdateCertificate(ctx, &old); err != nil {
			return Certificate{}, err
		}
		return c, s.event(ctx, tx, Event{Account: app.Account, Type: EventCertificateReplaced, Application: app.ID, Certificate: old.ID,
			Detail: map[string]string{"replaced_by": string(c.ID)}})
	}
	return c, nil
}

func parseLeaf(text string) (*x509.Certificate, error) {
	bad := func(why string) error {
		return invalid("certificate_invalid", "certificate", arg("reason", message.Literal(why)))
	}
	if len(text) > MaxCSRBytes {
		return nil, bad("larger than 64 KiB")
	}
	block, _ := pem.Decode([]byte(strings.TrimSpace(text)))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, bad("no CERTIFICATE PEM block")
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, bad("malformed DER")
	}
	return leaf, nil
}

func pemOf(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}

// matchesCSR checks that the CA certified the application's key and names.
func matchesCSR(leaf *x509.Certificate, app Application) error {
	block, _ := pem.Decode([]byte(app.CSR))
	if block == nil {
		return stateErr(string(app.ID), "no_csr")
	}
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return stateErr(string(app.ID), "csr_unreadable")
	}
	if !bytes.Equal(req.RawSubjectPublicKeyInfo, leaf.RawSubjectPublicKeyInfo) {
		return invalid("certificate_key_mismatch", "certificate")
	}
	if !strings.EqualFold(leaf.Subject.CommonName, app.CommonName) && !slices.Contains(leaf.DNSNames, app.CommonName) {
		return invalid("certificate_name_mismatch", "certificate")
	}
	return nil
}

// GetCertificate returns one certificate lineage. Viewing is allowed while it is locked.
func (s *Service) GetCertificate(ctx context.Context, account AccountID, id CertificateID) (Certificate, error) {
	var c Certificate
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		c, err = tx.GetCertificate(ctx, account, id)
		return err
	})
	return c, err
}

// ListCertificates pages the account's certificates in creation order (証明書管理).
func (s *Service) ListCertificates(ctx context.Context, account AccountID, opts ListOptions) (Page[Certificate], error) {
	var p Page[Certificate]
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ListCertificates(ctx, account, opts)
		return err
	})
	return p, err
}

// maxLineage bounds the walk along ReplacedBy links.
const maxLineage = 1000

// CurrentCertificate walks from any certificate along its replaced-by links to the one in use.
func (s *Service) CurrentCertificate(ctx context.Context, account AccountID, id CertificateID) (Certificate, error) {
	var c Certificate
	err := s.store.View(ctx, func(tx Tx) error {
		for range maxLineage {
			var err error
			if c, err = tx.GetCertificate(ctx, account, id); err != nil {
				return err
			}
			if c.ReplacedBy == "" {
				return nil
			}
			id = c.ReplacedBy
		}
		return fmt.Errorf("jstore: certificate lineage longer than %d", maxLineage)
	})
	return c, err
}

// History lists a certificate's events (issuance, reissues, renewals, locks, revocation) —
// the 履歴 button. Like every management operation it fails while the certificate is locked.
func (s *Service) History(ctx context.Context, account AccountID, id CertificateID, opts ListOptions) (Page[Event], error) {
	var p Page[Event]
	err := s.store.View(ctx, func(tx Tx) error {
		c, err := tx.GetCertificate(ctx, account, id)
		if err != nil {
			return err
		}
		if c.Locked() {
			return lockedErr(c)
		}
		p, err = tx.ListEvents(ctx, account, id, opts)
		return err
	})
	return p, err
}

// Events pages the account's whole history in order.
func (s *Service) Events(ctx context.Context, account AccountID, opts ListOptions) (Page[Event], error) {
	var p Page[Event]
	err := s.store.View(ctx, func(tx Tx) error {
		if _, err := tx.GetAccount(ctx, account); err != nil {
			return err
		}
		var err error
		p, err = tx.ListEvents(ctx, account, "", opts)
		return err
	})
	return p, err
}
