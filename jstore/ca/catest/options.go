package catest

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Resolver looks up TXT records; *net.Resolver is one. Tests point it at a loopback DNS server.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
}

// Option configures a Server.
type Option func(*config) error

type config struct {
	key, secret string
	customerID  string
	now         func() time.Time
	pki         *PKI
	autoApprove bool
	resolver    Resolver
	web         *http.Client
	callbacks   *http.Client
	seed        uint64
	limit       *window
}

func defaultConfig() config {
	return config{
		key:        "catest-key",
		secret:     "catest-secret",
		customerID: "8f1c2b5e-7a44-4c1e-9d2a-3b6f0e5c9a17",
		now:        time.Now,
		callbacks:  &http.Client{Timeout: 5 * time.Second},
		seed:       1,
	}
}

// WithCredentials sets the API key and secret the server accepts (default catest-key and
// catest-secret).
func WithCredentials(key, secret string) Option {
	return func(c *config) error {
		if key == "" || secret == "" {
			return errors.New("catest: WithCredentials: empty key or secret")
		}
		c.key, c.secret = key, secret
		return nil
	}
}

// WithCustomerID sets the customer UUID the v2 routes answer for.
func WithCustomerID(id string) Option {
	return func(c *config) error {
		if id == "" {
			return errors.New("catest: WithCustomerID: empty ID")
		}
		c.customerID = id
		return nil
	}
}

// WithClock sets the simulator's clock: issuance dates, lifetimes, renewal windows, expiry and
// delayed revocation all follow it.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return errors.New("catest: WithClock: nil clock")
		}
		c.now = now
		return nil
	}
}

// WithPKI issues under p instead of freshly generated chains.
func WithPKI(p *PKI) Option {
	return func(c *config) error {
		if p == nil {
			return errors.New("catest: WithPKI: nil PKI")
		}
		c.pki = p
		return nil
	}
}

// WithAutoApprove validates every domain at once, so orders are issued when placed.
func WithAutoApprove() Option {
	return func(c *config) error {
		c.autoApprove = true
		return nil
	}
}

// WithDNS checks the DNS method of domain control through r: a TXT record at the domain
// holding the order's unique ID.
func WithDNS(r Resolver) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("catest: WithDNS: nil resolver")
		}
		c.resolver = r
		return nil
	}
}

// WithWeb checks the file method of domain control through hc: GET
// http://<domain>/.well-known/pki-validation/starfield.html (godaddy.html for the GoDaddy root)
// whose body is the unique ID. Redirects are not followed.
func WithWeb(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("catest: WithWeb: nil client")
		}
		cp := *hc
		cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		c.web = &cp
		return nil
	}
}

// WithCallbackClient sets the client that POSTs actions to registered callback URLs.
func WithCallbackClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("catest: WithCallbackClient: nil client")
		}
		c.callbacks = hc
		return nil
	}
}

// WithSeed seeds the fault injection's random draws, for repeatable runs (default 1).
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}
