package ca

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Body limits: an error body is read up to 1 MiB, a success body up to 8 MiB (a list page or
// a chain is far smaller); anything longer is a bad response.
const (
	maxErrorBody   = 1 << 20
	maxSuccessBody = 8 << 20
)

// call describes one API operation.
type call struct {
	op       string // the specification's operationId
	method   string
	path     string            // route with {name} placeholders, or an absolute URL (pagination)
	params   map[string]string // path parameters, escaped by expand
	query    url.Values
	body     any          // marshalled to JSON when not nil
	market   bool         // send X-Market-Id
	creates  bool         // never repeated once the request may have reached the CA
	out      any          // decoded from a success body when not nil
	optional bool         // an empty success body is accepted and leaves out as it was
	check    func() error // vets out after decoding; a failure counts as a malformed answer
}

// do runs c with retries and returns nil or an *Error.
func (c *Client) do(ctx context.Context, cl call) error {
	target, err := c.expand(cl)
	if err != nil {
		return err
	}
	var payload []byte
	if cl.body != nil {
		if payload, err = json.Marshal(cl.body); err != nil {
			return &Error{Kind: KindInvalid, Op: cl.op, Err: err}
		}
	}
	p := c.s.retry
	var last *Error
	for attempt := 1; ; attempt++ {
		if b := c.s.budget; b != nil {
			if err := b.take(ctx, c.now, c.sleep); err != nil {
				return c.noSlot(cl.op, attempt, last, err)
			}
		}
		start := c.now()
		e, retry := c.attempt(ctx, cl, target, payload)
		if e != nil {
			c.auth.clean(e)
		}
		c.log(ctx, cl, attempt, start, e)
		if e == nil {
			return nil
		}
		e.Attempts, last = attempt, e
		if !retry || attempt >= p.MaxAttempts || ctx.Err() != nil {
			return e
		}
		wait := p.backoff(attempt)
		if e.Kind == KindRateLimited {
			if e.RetryAfter > p.MaxRetryAfter {
				return e
			}
			wait = max(wait, e.RetryAfter)
		}
		if dl, ok := ctx.Deadline(); ok && c.now().Add(wait).After(dl) {
			e.Err = errors.Join(e.Err, context.DeadlineExceeded)
			return e
		}
		if err := c.sleep(ctx, wait); err != nil {
			e.Err = errors.Join(e.Err, err)
			return e
		}
	}
}

// noSlot is the error of a request that got no slot in the rate budget: the last attempt's
// error when there was one (it did not act, or it would not be retried), ErrBusy for a person's
// request that would wait too long, ErrUnavailable when the budget's store failed or ctx ended.
func (c *Client) noSlot(op string, attempt int, last *Error, err error) *Error {
	switch {
	case last != nil:
		last.Err = errors.Join(last.Err, err)
		return last
	case errors.Is(err, errBusy):
		return &Error{Kind: KindBusy, Op: op, Message: "no request slot free within the wait allowed; nothing was sent"}
	}
	return &Error{Kind: KindUnavailable, Op: op, Attempts: attempt - 1, Err: err}
}

// attempt sends the request once. retry says whether sending it again is both useful and safe.
func (c *Client) attempt(ctx context.Context, cl call, target string, payload []byte) (*Error, bool) {
	var reached atomic.Bool
	if cl.creates {
		// Once a connection is held, the request may reach the CA.
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { reached.Store(true) }})
	}
	req := c.rc.R().SetContext(ctx).
		SetHeader("Authorization", c.auth.header()).
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", c.s.userAgent)
	if cl.query != nil {
		req.SetQueryParamsFromValues(cl.query)
	}
	if payload != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(payload)
	}
	if cl.market && c.s.marketID != "" {
		req.SetHeader("X-Market-Id", c.s.marketID)
	}
	resp, err := req.Execute(cl.method, target)
	if err != nil {
		if cl.creates && reached.Load() {
			return &Error{Kind: KindOutcomeUnknown, Op: cl.op, Err: scrub(err)}, false
		}
		return &Error{Kind: KindUnavailable, Op: cl.op, Err: scrub(err)}, ctx.Err() == nil
	}
	raw := resp.RawResponse
	defer raw.Body.Close()
	status := raw.StatusCode
	if status >= 200 && status < 300 {
		err := readJSON(raw.Body, maxSuccessBody, cl.out, cl.optional)
		if err == nil && cl.check != nil {
			err = cl.check()
		}
		if err == nil {
			return nil, false
		}
		kind := KindBadResponse
		if cl.creates {
			// The CA acted but its answer is lost, so the caller must reconcile.
			kind = KindOutcomeUnknown
		}
		return &Error{Kind: kind, Op: cl.op, Status: status, Err: err}, false
	}
	e := decodeError(cl.op, raw)
	switch {
	case status == http.StatusTooManyRequests:
		return e, true
	case status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout:
		if cl.creates {
			e.Kind = KindOutcomeUnknown
			return e, false
		}
		return e, true
	case (status >= 500 || status >= 300 && status < 400) && cl.creates:
		// A proxy or the CA may have acted before answering so: reconcile, never resend.
		e.Kind = KindOutcomeUnknown
	}
	return e, false
}

// expand is the one place path parameters enter a URL: each is escaped into its segment, and
// an empty or dot segment, which would address another route, is refused. A route becomes an
// absolute URL on the base; an absolute path (a pagination link) is used as it is.
func (c *Client) expand(cl call) (string, error) {
	if strings.HasPrefix(cl.path, "http://") || strings.HasPrefix(cl.path, "https://") {
		return cl.path, nil
	}
	var b strings.Builder
	b.WriteString(c.base)
	rest := cl.path
	for {
		open := strings.IndexByte(rest, '{')
		closing := strings.IndexByte(rest, '}')
		if open < 0 || closing < open {
			b.WriteString(rest)
			return b.String(), nil
		}
		name := rest[open+1 : closing]
		v, ok := cl.params[name]
		if !ok || v == "" || v == "." || v == ".." {
			return "", &Error{Kind: KindInvalid, Op: cl.op, Message: "path parameter " + name + ` may not be empty, "." or ".."`}
		}
		b.WriteString(rest[:open])
		b.WriteString(url.PathEscape(v))
		rest = rest[closing+1:]
	}
}

// readJSON decodes r into out. A nil out accepts an empty body or any JSON; so does an optional
// one when the body is empty.
func readJSON(r io.Reader, limit int64, out any, optional bool) error {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	if int64(len(body)) > limit {
		return fmt.Errorf("the body exceeds %d bytes", limit)
	}
	empty := len(bytes.TrimSpace(body)) == 0
	if out == nil || optional && empty {
		if empty || json.Valid(body) {
			return nil
		}
		return errors.New("the body is not JSON")
	}
	if err := unmarshalLenient(body, out); err != nil {
		return fmt.Errorf("decoding the body: %w", err)
	}
	return nil
}

// wireError is the API's Error and ErrorLimit bodies in one.
type wireError struct {
	Code          string       `json:"code"`
	Message       string       `json:"message"`
	Fields        []FieldError `json:"fields"`
	RetryAfterSec int64        `json:"retryAfterSec"`
}

// decodeError builds the *Error for a non-2xx response. An empty or non-JSON body still gives
// the status and kind (401 bodies are usually empty).
func decodeError(op string, resp *http.Response) *Error {
	e := &Error{Kind: kindForStatus(resp.StatusCode), Op: op, Status: resp.StatusCode}
	switch {
	case e.Kind != KindUnknown:
	case resp.StatusCode >= 400:
		e.Kind = KindInvalid // another 4xx: the request was refused
	default:
		e.Kind = KindBadResponse // a 1xx or 3xx the API never sends
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		e.Message = "redirects are not followed"
		if loc := resp.Header.Get("Location"); loc != "" {
			e.Message = "redirected to " + withoutQuery(loc) + "; redirects are not followed"
		}
		return e
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody+1))
	switch {
	case err != nil:
		e.Err = fmt.Errorf("reading the error body: %w", err)
	case len(body) > maxErrorBody:
		e.Err = fmt.Errorf("the error body exceeds %d bytes", maxErrorBody)
	case len(bytes.TrimSpace(body)) > 0:
		var w wireError
		if err := json.Unmarshal(body, &w); err != nil {
			e.Err = errors.New("the error body is not the documented JSON")
			break
		}
		e.Code, e.Message, e.Fields = w.Code, w.Message, w.Fields
		if w.RetryAfterSec > 0 {
			e.RetryAfter = time.Duration(min(w.RetryAfterSec, 86400)) * time.Second
		}
	}
	if e.RetryAfter == 0 {
		e.RetryAfter = retryAfterHeader(resp.Header.Get("Retry-After"))
	}
	return e
}

// retryAfterHeader reads a Retry-After header in seconds; the specification documents only the
// body's retryAfterSec, so the header is a fallback.
func retryAfterHeader(v string) time.Duration {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(min(n, 86400)) * time.Second
}

// withoutQuery names a URL without its query, fragment or user information, which could hold
// caller data or credentials.
func withoutQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "an unreadable location"
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

// scrub keeps a transport error's meaning and drops the request URL's query, which could hold
// caller data such as a callback URL; the credentials travel only in a header and never reach
// an error.
func scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		u, perr := url.Parse(ue.URL)
		if perr == nil {
			u.RawQuery = ""
			return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
		}
	}
	return err
}

func (c *Client) log(ctx context.Context, cl call, attempt int, start time.Time, e *Error) {
	if !c.s.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("op", cl.op), slog.String("method", cl.method), slog.String("route", routeOf(cl.path)),
		slog.Int("attempt", attempt), slog.Duration("took", c.now().Sub(start)),
	}
	if e != nil {
		attrs = append(attrs, slog.Int("status", e.Status), slog.String("error", e.Error()))
	}
	c.s.logger.LogAttrs(ctx, slog.LevelDebug, "ca: request", attrs...)
}

// routeOf is the route without a query, for logs.
func routeOf(path string) string {
	if u, err := url.Parse(path); err == nil {
		return u.Path
	}
	return ""
}
