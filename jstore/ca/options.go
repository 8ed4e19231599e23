package ca

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Base URLs of the two environments. A key works only against its own environment.
const (
	Production = "https://api.godaddy.com"
	OTE        = "https://api.ote-godaddy.com"
)

// DefaultUserAgent is sent unless WithUserAgent says otherwise.
const DefaultUserAgent = "jstore-sdk-ca/1"

// Option configures a Client. Each option checks its input; a nil or zero value is an error
// from NewClient.
type Option func(*settings) error

type settings struct {
	baseURL   *url.URL
	http      *http.Client
	marketID  string
	logger    *slog.Logger
	retry     RetryPolicy
	budget    *Budget
	userAgent string
}

func defaultSettings() settings {
	u, _ := url.Parse(Production)
	return settings{
		baseURL:   u,
		http:      &http.Client{Timeout: 60 * time.Second},
		logger:    slog.New(slog.DiscardHandler),
		retry:     DefaultRetryPolicy(),
		budget:    mustBudget(60, time.Minute),
		userAgent: DefaultUserAgent,
	}
}

// WithBaseURL sets the API's address: Production (the default), OTE, or any URL such as a
// catest server's. A path is kept as a prefix. Credentials in the URL are refused.
func WithBaseURL(raw string) Option {
	return func(s *settings) error {
		u, err := url.Parse(raw)
		if err != nil || raw == "" {
			return errors.New("ca: WithBaseURL: not a URL")
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("ca: WithBaseURL: want an http or https URL with a host, got scheme %q", u.Scheme)
		}
		if u.User != nil {
			return errors.New("ca: WithBaseURL: the URL must not carry credentials")
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return errors.New("ca: WithBaseURL: the URL must not carry a query or fragment")
		}
		s.baseURL = u
		return nil
	}
}

// WithHTTPClient sets the HTTP client. It is copied, never changed.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("ca: WithHTTPClient: nil client")
		}
		cp := *hc
		s.http = &cp
		return nil
	}
}

// WithMarketID sets X-Market-Id on create and validate (the locale of the CA's e-mails and
// messages, e.g. "ja-JP").
func WithMarketID(id string) Option {
	return func(s *settings) error {
		if id == "" {
			return errors.New("ca: WithMarketID: empty market ID")
		}
		s.marketID = id
		return nil
	}
}

// WithLogger sends debug lines about each request (method, route, status, attempt, duration)
// to l. Nothing secret is ever logged. The default discards.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("ca: WithLogger: nil logger")
		}
		s.logger = l
		return nil
	}
}

// WithRetry sets the retry policy; see [RetryPolicy].
func WithRetry(p RetryPolicy) Option {
	return func(s *settings) error {
		if err := p.validate(); err != nil {
			return err
		}
		s.retry = p
		return nil
	}
}

// WithRateLimit gives the client a budget of its own: at most n requests start in each period
// (the default is 60 a minute, as the CA throttles). Processes that share an API key share a
// budget instead: see WithBudget.
func WithRateLimit(n int, per time.Duration) Option {
	return func(s *settings) error {
		b, err := NewBudget(NewMemorySlots(), "ca", n, per)
		if err != nil {
			return fmt.Errorf("ca: WithRateLimit: want a positive count and period, got %d per %s", n, per)
		}
		s.budget = b
		return nil
	}
}

// WithBudget spaces the client's requests by b, which every client of the API key shares, in
// this process and in others through b's SlotStore.
func WithBudget(b *Budget) Option {
	return func(s *settings) error {
		if b == nil {
			return errors.New("ca: WithBudget: nil budget")
		}
		s.budget = b
		return nil
	}
}

// WithoutRateLimit turns the client-side rate limit off, for simulators and for callers that
// limit requests themselves.
func WithoutRateLimit() Option {
	return func(s *settings) error {
		s.budget = nil
		return nil
	}
}

// mustBudget is the default budget, whose arguments are known to be good.
func mustBudget(n int, per time.Duration) *Budget {
	b, _ := NewBudget(NewMemorySlots(), "ca", n, per)
	return b
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(s *settings) error {
		if ua == "" {
			return errors.New("ca: WithUserAgent: empty user agent")
		}
		s.userAgent = ua
		return nil
	}
}
