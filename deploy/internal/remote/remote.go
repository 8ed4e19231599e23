package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/internal/weburl"
)

// maxAnswer bounds what is read of an answer: a panel's answer to one call is a few KiB.
const maxAnswer = 1 << 20

// DefaultTimeout bounds one call when the caller gives no *http.Client of its own.
const DefaultTimeout = 60 * time.Second

// Client sends one target's requests and turns failures into *deploy.Error.
type Client struct {
	Target  string
	HTTP    *http.Client
	Secrets []string // removed from every detail an error carries
}

// Do sends req and returns the answer's body when the server answered 2xx. A transport
// failure or a 5xx is "unavailable", 401 and 403 "unauthorized"; any other status "refused".
// A context already done sends nothing.
func (c *Client) Do(ctx context.Context, req *http.Request) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, c.Fail("unavailable", true, "", err)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, c.Fail("unavailable", false, "", c.scrub(err))
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, c.Fail("unavailable", false, "", c.scrub(err))
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, c.Fail("unauthorized", true, resp.Status, nil)
	case resp.StatusCode >= 500:
		return nil, c.Fail("unavailable", false, resp.Status, nil)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, c.Fail("refused", true, resp.Status+": "+string(body), nil)
	}
	return body, nil
}

// Fail builds the target's *deploy.Error with detail cut short and scrubbed of the secrets.
// rolledBack says the server is known to serve what it served before.
func (c *Client) Fail(code string, rolledBack bool, detail string, err error) error {
	return &deploy.Error{Code: code, Target: c.Target, RolledBack: rolledBack, Detail: deploy.Cut([]byte(c.redact(detail))), Err: err}
}

// scrub replaces err by its text without the secrets, keeping context errors matchable.
func (c *Client) scrub(err error) error {
	text := c.redact(err.Error())
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", text, context.Canceled)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w", text, context.DeadlineExceeded)
	}
	return errors.New(text)
}

func (c *Client) redact(s string) string {
	for _, secret := range c.Secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// BaseURL checks a panel's address: https, or http on a loopback host (a tunnel on the same
// machine); never a path, query or user part, which would carry credentials or mislead. Its
// errors name the scheme and host only, since the rest may hold a credential pasted by mistake.
func BaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, errors.New("deploy: the panel address is not a URL such as https://host:port")
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("deploy: the panel address %s://%s must be scheme, host and port only", u.Scheme, u.Host)
	}
	if !weburl.Secure(u) {
		return nil, fmt.Errorf("deploy: the panel address %s://%s must use https", u.Scheme, u.Host)
	}
	u.Path = ""
	return u, nil
}
