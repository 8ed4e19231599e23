package jstore

import (
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// rootOrganizations names, per root option, the organisation of the root a chain must end at
// when the system's roots are used.
var rootOrganizations = map[RootOption]string{
	RootStarfield: "Starfield Technologies, Inc.",
	RootGoDaddy:   "GoDaddy.com, Inc.",
}

// verifyIssued checks what the CA issued for app before anything is recorded, and says what is
// wrong: the leaf's key is the CSR's and its names are exactly the application's, its chain
// verifies to the root the customer chose, and its lifetime (notAfter − notBefore + 1 s, as
// BR §1.6.1 counts a validity period) is within the CA/Browser Forum maximum for its issuance
// date. It returns the parsed leaf, for the record.
func (s *Service) verifyIssued(app Application, b CABundle) (*x509.Certificate, *FlagError) {
	leaf, fe := s.checkIssued(app, b)
	if fe != nil {
		fe.Application = app.ID
	}
	return leaf, fe
}

func (s *Service) checkIssued(app Application, b CABundle) (*x509.Certificate, *FlagError) {
	leaf, err := parseLeaf(b.Certificate)
	if err != nil {
		return nil, flagged("unreadable", "the certificate cannot be read")
	}
	if err := matchesCSR(leaf, app); err != nil {
		return nil, flagged("key_mismatch", "the certificate does not match the application: %v", err)
	}
	if got, want := nameSet(append(leaf.DNSNames, leaf.Subject.CommonName)), nameSet(app.names()); !slices.Equal(got, want) {
		return nil, flagged("names", "the certificate names %s, the application %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
	validity := leaf.NotAfter.Sub(leaf.NotBefore) + time.Second
	issued := issuedNoEarlier(leaf, app)
	if limit := cabf.MaxLifetime(issued); validity > limit {
		return nil, flagged("lifetime", "the certificate is valid for %s, over the %d-day maximum for %s", validity, limit/(24*time.Hour), issued.UTC().Format(time.DateOnly))
	}
	if fe := s.verifyChain(leaf, app.Root, b); fe != nil {
		return nil, fe
	}
	return leaf, nil
}

// issuedNoEarlier is the instant whose lifetime limit applies to leaf: the later of its
// notBefore and the first request the SDK sent for it (the CA cannot have issued before it was
// asked), so a certificate backdated across a schedule date keeps the later, shorter limit.
func issuedNoEarlier(leaf *x509.Certificate, app Application) time.Time {
	if app.Placement.FirstAt.After(leaf.NotBefore) {
		return app.Placement.FirstAt
	}
	return leaf.NotBefore
}

func (s *Service) verifyChain(leaf *x509.Certificate, root RootOption, b CABundle) *FlagError {
	inter := x509.NewCertPool()
	for _, p := range []string{b.Intermediate, b.Cross} {
		for rest := []byte(p); ; {
			var block *pem.Block
			if block, rest = pem.Decode(rest); block == nil {
				break
			}
			if c, err := x509.ParseCertificate(block.Bytes); err == nil {
				inter.AddCert(c)
			}
		}
	}
	roots, system := s.ful.roots[root], false
	if roots == nil {
		var err error
		if roots, err = x509.SystemCertPool(); err != nil {
			return flagged("roots_unreadable", "the system's roots cannot be read: %v", err)
		}
		system = true
	}
	chains, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: s.now(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	if err != nil {
		return flagged("chain", "the chain does not verify to the %s root: %v", root, err)
	}
	if !system {
		return nil
	}
	for _, ch := range chains {
		if slices.Contains(ch[len(ch)-1].Subject.Organization, rootOrganizations[root]) {
			return nil
		}
	}
	return flagged("root", "the chain verifies, but not to the %s root the customer chose", root)
}

// nameSet is names lower-cased, sorted and without repeats or empties.
func nameSet(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n = strings.ToLower(n); n != "" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
