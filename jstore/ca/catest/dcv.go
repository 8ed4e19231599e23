package catest

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// fileName is the file the HTML method reads: starfield.html or godaddy.html by brand.
func fileName(r ca.RootType) string {
	if brandOf(r) == GoDaddy {
		return "godaddy.html"
	}
	return "starfield.html"
}

// checkDomain tries the DNS method, then the file method (never for a wildcard), and says
// which one proved control of name.
func (s *Server) checkDomain(ctx context.Context, name, token, file string) (ca.VerificationType, bool) {
	base := strings.TrimPrefix(name, "*.")
	if s.cfg.resolver != nil {
		if txts, err := s.cfg.resolver.LookupTXT(ctx, base); err == nil {
			for _, t := range txts {
				if strings.TrimSpace(t) == token {
					return ca.VerifyDomainZoneControl, true
				}
			}
		}
	}
	if s.cfg.web == nil || strings.HasPrefix(name, "*.") {
		return "", false
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+base+"/.well-known/pki-validation/"+file, nil)
	if err != nil {
		return "", false
	}
	resp, err := s.cfg.web.Do(req)
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil || resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != token {
		return "", false
	}
	return ca.VerifyWebsiteControl, true
}
