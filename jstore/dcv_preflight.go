package jstore

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
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
				c.Problems = append(c.Problems, Problem{Code: "dcv_email_not_sent", Field: "dcv",
					JA: "認証局からの認証メールがまだ送信されていません。しばらく待ってから確認してください。",
					EN: "the CA has not sent the approval e-mail yet; check again shortly"})
			}
		}
		if step.Validated {
			c.Found, c.Problems = true, nil
		}
		recs, err := relevantCAA(ctx, s.ful.resolver, step.Domain)
		switch {
		case err != nil:
			c.Problems = append(c.Problems, Problem{Code: "dcv_caa_lookup", Field: "dcv",
				JA: step.Domain + " のCAAレコードを確認できませんでした。DNSの設定を確認してください。",
				EN: "the CAA records of " + step.Domain + " could not be looked up; check the DNS"})
		case !caaAllows(recs, strings.HasPrefix(step.Domain, "*.") || s.isWildcard(app)):
			c.Problems = append(c.Problems, Problem{Code: "dcv_caa_forbidden", Field: "dcv",
				JA: step.Domain + " のCAAレコードが認証局による発行を許可していません。CAAレコードに 0 issue \"starfieldtech.com\"（GoDaddyルートは \"godaddy.com\"）を追加してください。",
				EN: "the CAA records of " + step.Domain + " do not allow the CA to issue; add 0 issue \"starfieldtech.com\" (\"godaddy.com\" for the GoDaddy root)"})
		default:
			c.CAAAllowed = true
		}
		check.Ready = check.Ready && c.Found && c.CAAAllowed && len(c.Problems) == 0
		check.Domains = append(check.Domains, c)
	}
	return check, nil
}

func (s *Service) isWildcard(app Application) bool {
	p, ok := s.catalogue.Lookup(app.ProductCode)
	return ok && p.Kind == KindWildcard
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
		return false, []Problem{{Code: "dcv_dns_lookup", Field: "dcv",
			JA: step.TXTName + " のTXTレコードを問い合わせられませんでした。しばらくしてから確認してください。",
			EN: "the TXT records of " + step.TXTName + " could not be looked up; check again shortly"}}
	}
	return false, []Problem{{Code: "dcv_txt_missing", Field: "dcv",
		JA: step.TXTName + " に値が " + step.TXTValue + " のTXTレコードが見つかりません。登録済みの場合はDNSの反映を待ってから確認してください。",
		EN: "no TXT record at " + step.TXTName + " holds " + step.TXTValue + "; if it is published, wait for DNS to update and check again"}}
}

func (s *Service) findFile(ctx context.Context, step DomainStep) (bool, []Problem) {
	missing := []Problem{{Code: "dcv_file_missing", Field: "dcv",
		JA: step.FileURL + " に固有ID " + step.FileContent + " だけを書いたファイルを置いてください（見つからないか、内容が違います）。",
		EN: "serve a file holding only the unique ID " + step.FileContent + " at " + step.FileURL + " (it is missing or holds something else)"}}
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
