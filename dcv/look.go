package dcv

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// MaxFile bounds what FindFile reads of a validation file.
const MaxFile = 64 << 10

// FindTXT reports whether name's TXT records, looked up through r (10 s at most), hold value.
// An error is returned only when the lookup failed in a way worth trying again (a temporary
// failure); no such record is not an error.
func FindTXT(ctx context.Context, r *net.Resolver, name, value string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	values, err := r.LookupTXT(ctx, name)
	for _, v := range values {
		if strings.TrimSpace(v) == value && value != "" {
			return true, nil
		}
	}
	var dnsErr interface{ Temporary() bool }
	if err != nil && errors.As(err, &dnsErr) && dnsErr.Temporary() {
		return false, err
	}
	return false, nil
}

// FindFile reports whether url serves content (surrounding white space aside), fetched with hc
// as the CA fetches it: 10 s at most, no redirect to another host, at most MaxFile bytes.
func FindFile(ctx context.Context, hc *http.Client, url, content string) bool {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	c := *hc
	host := req.URL.Hostname()
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if r.URL.Hostname() != host || len(via) > 3 {
			return http.ErrUseLastResponse // the CA follows no redirect to another host either
		}
		return nil
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFile+1))
	return err == nil && resp.StatusCode == http.StatusOK && len(body) <= MaxFile && strings.TrimSpace(string(body)) == content
}
