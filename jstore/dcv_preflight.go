package jstore

import (
	"context"
	"strings"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/message"
)

// DomainCheck is the preflight's finding for one name.
type DomainCheck struct {
	Domain string
	// Found: the TXT record or file holds the unique ID (DCVFile, DCVDNS), or the CA has sent
	// its e-mail (DCVEmail).
	Found bool
	// CAAAllowed: the domain's CAA records let the CA (godaddy.com, starfieldtech.com) issue.
	CAAAllowed bool
	// Problems say what to fix, in Japanese and English.
	Problems []Problem
}

// DCVCheck is the preflight's finding for an application.
type DCVCheck struct {
	Domains []DomainCheck
	// Ready: every name passed; asking the CA to validate should succeed.
	Ready bool
}

// caIssuers are the issuer domains the upstream CA's CAA checks accept (GoDaddy and Starfield).
var caIssuers = []string{"godaddy.com", "starfieldtech.com"}

// CheckDomainControl (今すぐ確認) looks, before the CA is asked, for what the CA will look for:
// the TXT record through the resolver (WithDCVResolver), the validation file over HTTP
// (WithDCVHTTPClient; no redirect to another host, at most 64 KiB, 10 s), the CA's e-mail for
// the e-mail method; and for every method, that the CAA records allow the CA to issue. Each
// problem says what to change.
func (s *Service) CheckDomainControl(ctx context.Context, account AccountID, id ApplicationID) (DCVCheck, error) {
	dc, err := s.DomainControl(ctx, account, id)
	if err != nil {
		return DCVCheck{}, err
	}
	app, err := s.GetApplication(ctx, account, id)
	if err != nil {
		return DCVCheck{}, err
	}
	return s.preflight(ctx, app, dc), nil
}

// preflight looks for what dc says the CA will look for, for app.
func (s *Service) preflight(ctx context.Context, app Application, dc DomainControl) DCVCheck {
	check := DCVCheck{Ready: true}
	for _, step := range dc.Domains {
		c := DomainCheck{Domain: step.Domain}
		switch dc.Method {
		case DCVDNS:
			c.Found, c.Problems = s.findTXT(ctx, step)
		case DCVFile:
			c.Found, c.Problems = s.findFile(ctx, step)
		case DCVEmail:
			c.Found = len(dc.Emails) > 0
			if !c.Found {
				c.Problems = append(c.Problems, newProblem("dcv_email_not_sent", "dcv"))
			}
		}
		if step.Validated {
			c.Found, c.Problems = true, nil
		}
		recs, err := dcv.RelevantCAA(ctx, s.ful.resolver, step.Domain)
		switch {
		case err != nil:
			c.Problems = append(c.Problems, newProblem("dcv_caa_lookup", "dcv", arg("domain", message.Literal(step.Domain))))
		case !dcv.CAAAllows(recs, strings.HasPrefix(step.Domain, "*.") || s.isWildcard(app), caIssuers):
			c.Problems = append(c.Problems, newProblem("dcv_caa_forbidden", "dcv", arg("domain", message.Literal(step.Domain)),
				arg("record", message.Literal(`0 issue "starfieldtech.com"`)), arg("godaddy", message.Literal(`0 issue "godaddy.com"`))))
		default:
			c.CAAAllowed = true
		}
		check.Ready = check.Ready && c.Found && c.CAAAllowed && len(c.Problems) == 0
		check.Domains = append(check.Domains, c)
	}
	return check
}

func (s *Service) isWildcard(app Application) bool {
	p, ok := s.catalogue.Lookup(app.ProductCode)
	return ok && p.Kind == ProductWildcard
}

func (s *Service) findTXT(ctx context.Context, step DomainStep) (bool, []Problem) {
	found, err := dcv.FindTXT(ctx, s.ful.resolver, step.TXTName, step.TXTValue)
	switch {
	case found:
		return true, nil
	case err != nil:
		return false, []Problem{newProblem("dcv_dns_lookup", "dcv", arg("name", message.Literal(step.TXTName)))}
	}
	return false, []Problem{newProblem("dcv_txt_missing", "dcv", arg("name", message.Literal(step.TXTName)), arg("value", message.Literal(step.TXTValue)))}
}

func (s *Service) findFile(ctx context.Context, step DomainStep) (bool, []Problem) {
	if dcv.FindFile(ctx, s.ful.web, step.FileURL, step.FileContent) {
		return true, nil
	}
	return false, []Problem{newProblem("dcv_file_missing", "dcv", arg("url", message.Literal(step.FileURL)), arg("value", message.Literal(step.FileContent)))}
}
