package jstore

import (
	"errors"
	"strings"

	"github.com/jstore-sdk/sdk/csr"
)

// CSRCheck is what the application expects of a CSR.
type CSRCheck struct {
	// ExpectedCN is the certificate's Common Name on renewal and reissue; empty otherwise.
	ExpectedCN string
	// Wildcard is whether the product secures a wildcard name.
	Wildcard bool
	Level    ValidationLevel
}

// CSRInfo is what the application keeps from a CSR that passed.
type CSRInfo struct {
	CommonName string // lower-case A-label form
	DNSNames   []string
	// Warnings are problems that do not refuse the CSR (a SHA-1 self-signature, an OU).
	Warnings []Problem
}

// CSRChecker judges a pasted CSR. A failing check returns an error (a *ValidationError for
// problems the customer can fix) and the application stays where it was. Implementations must
// never place the input's bytes in an error: a customer may paste a private key.
type CSRChecker interface {
	CheckCSR(text []byte, want CSRCheck) (CSRInfo, error)
}

// CSRPolicyChecker is the default CSRChecker: [csr.Check] with the upstream CA's rules for the
// application's product (RSA 2048 to 4096 bits, weak-key checks, name and subject rules),
// starting from Base. ExpectedCN, Wildcard and OrganizationValidated are set per application.
type CSRPolicyChecker struct {
	Base csr.Policy
}

// CheckCSR implements CSRChecker, turning every csr.Problem into a jstore Problem with the same
// code and texts.
func (c CSRPolicyChecker) CheckCSR(text []byte, want CSRCheck) (CSRInfo, error) {
	p := c.Base
	p.ExpectedCN, p.Wildcard, p.OrganizationValidated = want.ExpectedCN, want.Wildcard, want.Level != LevelDV
	r, err := csr.Check(text, p)
	var ce *csr.Error
	switch {
	case errors.As(err, &ce):
		var ps problems
		for _, pr := range ce.Problems {
			if pr.Severity == csr.SeverityError {
				ps = append(ps, fromCSR(pr))
			}
		}
		return CSRInfo{}, ps.err()
	case err != nil:
		return CSRInfo{}, err
	}
	info := CSRInfo{CommonName: strings.ToLower(r.CommonName)}
	for _, n := range r.DNSNames {
		info.DNSNames = append(info.DNSNames, strings.ToLower(n))
	}
	for _, w := range r.Warnings {
		info.Warnings = append(info.Warnings, fromCSR(w))
	}
	return info, nil
}

func fromCSR(p csr.Problem) Problem {
	return Problem{Code: string(p.Code), Field: "csr." + p.Field, Text: p.Text(), Args: p.Args()}
}
