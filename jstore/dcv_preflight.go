package jstore

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

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

// maxValidationFile bounds what the preflight reads of a validation file.
const maxValidationFile = 64 << 10

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
		recs, err := relevantCAA(ctx, s.ful.resolver, step.Domain)
		switch {
		case err != nil:
			c.Problems = append(c.Problems, newProblem("dcv_caa_lookup", "dcv", arg("domain", message.Literal(step.Domain))))
		case !caaAllows(recs, strings.HasPrefix(step.Domain, "*.") || s.isWildcard(app)):
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
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	values, err := s.ful.resolver.LookupTXT(ctx, step.TXTName)
	for _, v := range values {
		if strings.TrimSpace(v) == step.TXTValue && step.TXTValue != "" {
			return true, nil
		}
	}
	var dnsErr interface{ Temporary() bool }
	if err != nil && errors.As(err, &dnsErr) && dnsErr.Temporary() {
		return false, []Problem{newProblem("dcv_dns_lookup", "dcv", arg("name", message.Literal(step.TXTName)))}
	}
	return false, []Problem{newProblem("dcv_txt_missing", "dcv", arg("name", message.Literal(step.TXTName)), arg("value", message.Literal(step.TXTValue)))}
}

func (s *Service) findFile(ctx context.Context, step DomainStep) (bool, []Problem) {
	missing := []Problem{newProblem("dcv_file_missing", "dcv", arg("url", message.Literal(step.FileURL)), arg("value", message.Literal(step.FileContent)))}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, step.FileURL, nil)
	if err != nil {
		return false, missing
	}
	hc := *s.ful.web
	host := req.URL.Hostname()
	hc.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if r.URL.Hostname() != host || len(via) > 3 {
			return http.ErrUseLastResponse // the CA follows no redirect to another host either
		}
		return nil
	}
	resp, err := hc.Do(req)
	if err != nil {
		return false, missing
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxValidationFile+1))
	if err != nil || resp.StatusCode != http.StatusOK || len(body) > maxValidationFile || strings.TrimSpace(string(body)) != step.FileContent {
		return false, missing
	}
	return true, nil
}
