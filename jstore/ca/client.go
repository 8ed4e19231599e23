package ca

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// Client calls the upstream CA's Certificates API. It is safe for concurrent use. The
// services group the endpoints as the API does.
type Client struct {
	Certificates *CertificatesService // v1 order lifecycle
	Callbacks    *CallbacksService    // v1 callback registration
	Emails       *EmailsService       // v1 e-mail history and resends
	Customers    *CustomersService    // v2 customer-scoped reads

	s     settings
	base  string // the base URL without a trailing slash
	auth  sealed // the credentials, out of reach of reflection and fmt
	rc    *resty.Client
	sleep func(ctx context.Context, d time.Duration) error
	now   func() time.Time
}

type service struct{ c *Client }

// NewClient returns a client for the API key and secret. The defaults: Production, a 60 s
// HTTP timeout, 60 requests a minute, [DefaultRetryPolicy], and no logging.
func NewClient(key, secret string, opts ...Option) (*Client, error) {
	if err := checkCredential("key", key); err != nil {
		return nil, err
	}
	if err := checkCredential("secret", secret); err != nil {
		return nil, err
	}
	if strings.Contains(key, ":") {
		return nil, errors.New("ca: NewClient: the key must not contain ':'")
	}
	s := defaultSettings()
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("ca: NewClient: option %d is nil", i)
		}
		if err := o(&s); err != nil {
			return nil, err
		}
	}
	// A redirect would carry the credentials, or a create request, to wherever the Location
	// points: a 3xx is an error naming it instead. s.http is the client's own copy.
	s.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	rc := resty.NewWithClient(s.http).
		SetLogger(quietLogger{}).
		SetDoNotParseResponse(true).
		SetRetryCount(0)
	c := &Client{
		s:     s,
		base:  strings.TrimSuffix(s.baseURL.String(), "/"),
		auth:  seal(key, secret),
		rc:    rc,
		sleep: sleep,
		now:   time.Now,
	}
	c.Certificates = &CertificatesService{c}
	c.Callbacks = &CallbacksService{c}
	c.Emails = &EmailsService{c}
	c.Customers = &CustomersService{c}
	return c, nil
}

func checkCredential(name, v string) error {
	if v == "" {
		return fmt.Errorf("ca: NewClient: empty %s", name)
	}
	for _, r := range v {
		if r < 0x21 || r == 0x7f {
			return fmt.Errorf("ca: NewClient: the %s holds a space or control character", name)
		}
	}
	return nil
}

// Budget is the rate budget the client spends, for its Stats and Backlog; nil without a limit.
func (c *Client) Budget() *Budget { return c.s.budget }

// BaseURL is the API's base URL the client calls (Production, OTE or another).
func (c *Client) BaseURL() string { return c.s.baseURL.String() }

// String names the client's endpoint and nothing secret.
func (c *Client) String() string { return "ca.Client{" + c.s.baseURL.String() + "}" }

// LogValue keeps the credentials out of structured logs that are handed the client.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// quietLogger swallows resty's own log lines; the client logs through slog instead, and resty's
// lines could quote request details we do not vet.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
