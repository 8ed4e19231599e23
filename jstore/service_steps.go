package jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/message"
)

// SubmitStep1 registers 申請情報入力1: the CSR (checked by the CSRChecker; a failing check
// changes nothing), the SANs (multi-domain only; lower-cased, de-duplicated, at most the slots)
// and the end-user organisation. On a renewal a zero Organization keeps the certificate's, and
// any other change is a *RenewalChangeError. If the application was already registered and its
// step 2 no longer fits the new names, step 2 is cleared and must be submitted again.
func (s *Service) SubmitStep1(ctx context.Context, account AccountID, id ApplicationID, st Step1) (Application, error) {
	if len(st.CSR) > MaxCSRBytes {
		return Application{}, invalid("input_too_large", "csr", arg("max", count(MaxCSRBytes>>10, message.KiB)))
	}
	if len(st.SANs) > MaxSANs {
		return Application{}, invalid("san_too_many", "sans", arg("max", count(MaxSANs, message.Names)))
	}
	if err := checkOrganization(st.Organization).err(); err != nil {
		return Application{}, err
	}
	app, product, cert, err := s.loadForStep(ctx, account, id)
	if err != nil {
		return Application{}, err
	}
	sans, err := normalizeSANs(st.SANs, product)
	if err != nil {
		return Application{}, err
	}
	org := st.Organization
	if app.Kind == AppRenewal {
		if org == (Organization{}) {
			org = cert.Organization
		}
		if changed := orgChanges(cert.Organization, org); len(changed) > 0 {
			return Application{}, &RenewalChangeError{Certificate: cert.ID, Application: id, Fields: changed}
		}
	}
	want := CSRCheck{Wildcard: product.Kind == ProductWildcard, Level: product.Level}
	if app.Kind != AppNew {
		want.ExpectedCN = cert.CommonName
	}
	info, err := s.checker.CheckCSR([]byte(st.CSR), want)
	if err != nil {
		return Application{}, err
	}
	sans = slices.DeleteFunc(sans, func(n string) bool { return n == info.CommonName })
	if len(sans) > app.SANSlots && product.Kind == ProductMultiDomain {
		return Application{}, invalid("san_over_slots", "sans", arg("count", count(len(sans), message.Names)), arg("slots", count(app.SANSlots, message.SANSlots)))
	}
	app.CSR, app.CommonName, app.SANs, app.Organization, app.Step1Done = strings.TrimSpace(st.CSR), info.CommonName, sans, org, true
	app.CSRWarnings = info.Warnings
	if app.Status == StatusInfoRegistered && checkStep2(Step2{DCV: app.DCV, ApproverEmail: app.ApproverEmail, Root: app.Root}, app.names(), s.now()) != nil {
		app.Status, app.DCV, app.ApproverEmail = StatusProductSelected, "", ""
	}
	return s.saveStep(ctx, app, EventStep1Registered)
}

// SubmitStep2 registers 申請情報入力2 (DCV method and root option) and makes the application
// orderable (StatusInfoRegistered). Step 1 must come first.
func (s *Service) SubmitStep2(ctx context.Context, account AccountID, id ApplicationID, st Step2) (Application, error) {
	if len(st.ApproverEmail) > maxEmailBytes {
		return Application{}, invalid("approver_invalid", "approver_email")
	}
	app, _, _, err := s.loadForStep(ctx, account, id)
	if err != nil {
		return Application{}, err
	}
	if !app.Step1Done {
		return Application{}, stateErr(string(id), "step1_first")
	}
	if err := checkStep2(st, app.names(), s.now()); err != nil {
		return Application{}, err
	}
	app.DCV, app.ApproverEmail, app.Root, app.Status = st.DCV, strings.ToLower(st.ApproverEmail), st.Root, StatusInfoRegistered
	return s.saveStep(ctx, app, EventStep2Registered)
}

// loadForStep reads an editable application with its product and, for renewal and reissue,
// its certificate.
func (s *Service) loadForStep(ctx context.Context, account AccountID, id ApplicationID) (Application, Product, Certificate, error) {
	var (
		app  Application
		cert Certificate
	)
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if app, err = tx.GetApplication(ctx, account, id); err != nil {
			return err
		}
		if app.Status != StatusProductSelected && app.Status != StatusInfoRegistered {
			return stateErr(string(id), "not_editable", arg("status", named(string(app.Status))))
		}
		if app.Certificate != "" {
			cert, err = tx.GetCertificate(ctx, account, app.Certificate)
		}
		return err
	})
	if err != nil {
		return Application{}, Product{}, Certificate{}, err
	}
	p, ok := s.catalogue.Lookup(app.ProductCode)
	if !ok {
		return Application{}, Product{}, Certificate{}, stateErr(string(id), "product_withdrawn", arg("product", message.Literal(app.ProductCode)))
	}
	return app, p, cert, nil
}

// saveStep writes the application; a concurrent change since loadForStep is ErrConflict.
func (s *Service) saveStep(ctx context.Context, app Application, typ EventType) (Application, error) {
	app.UpdatedAt = s.now().UTC()
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := tx.UpdateApplication(ctx, &app); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: app.Account, Type: typ, Application: app.ID, Certificate: app.Certificate})
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}

// names returns the common name followed by the SANs.
func (a Application) names() []string {
	return append([]string{a.CommonName}, a.SANs...)
}

// normalizeSANs judges SANs, which only a multi-domain product takes, by the CA's name rules
// (csr.CheckSAN: public DNS names, no IP addresses or internal names), converts them to
// lower-case A-labels and drops repeats.
func normalizeSANs(in []string, p Product) ([]string, error) {
	if len(in) == 0 {
		return nil, nil
	}
	if p.Kind != ProductMultiDomain {
		return nil, invalid("san_not_allowed", "sans")
	}
	var ps problems
	out := make([]string, 0, len(in))
	for _, n := range in {
		if strings.HasPrefix(strings.TrimSpace(n), "*.") {
			ps.add("san_wildcard", "sans")
			continue
		}
		norm, p := csr.CheckSAN(n)
		switch {
		case p != nil:
			ps = append(ps, Problem{Code: string(p.Code), Field: "sans", Text: p.Text(), Args: p.Args()})
		case !slices.Contains(out, norm):
			out = append(out, norm)
		}
	}
	return out, ps.err()
}

// orgChanges lists the end-user organisation fields a renewal may not change that differ.
func orgChanges(was, now Organization) []string {
	var f []string
	if was.Name != now.Name {
		f = append(f, "organization.name")
	}
	if was.Address != now.Address {
		f = append(f, "organization.address")
	}
	if was.PostalCode != now.PostalCode {
		f = append(f, "organization.postal_code")
	}
	if was.Phone != now.Phone {
		f = append(f, "organization.phone")
	}
	return f
}
