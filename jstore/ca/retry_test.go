package ca_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// answers returns a responder that gives each answer in turn, repeating the last.
func answers(rs ...func() (*http.Response, error)) httpmock.Responder {
	var mu sync.Mutex
	n := 0
	return func(*http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		r := rs[min(n, len(rs)-1)]
		n++
		return r()
	}
}

func status(code int, body string) func() (*http.Response, error) {
	return func() (*http.Response, error) { return httpmock.NewStringResponse(code, body), nil }
}

func header(code int, body, name, value string) func() (*http.Response, error) {
	return func() (*http.Response, error) {
		r := httpmock.NewStringResponse(code, body)
		r.Header.Set(name, value)
		return r, nil
	}
}

func connErr() (*http.Response, error) { return nil, errors.New("connection refused") }

var okGet = status(200, `{"certificateId":"x","contact":{},"createdAt":"2026-11-20T01:02:03Z","period":1,"productType":"DV_SSL","status":"ISSUED"}`)

// TestRetryRules: which answers are retried, for safe calls and for calls that create
// something, and how long the client waits.
func TestRetryRules(t *testing.T) {
	t.Parallel()
	get := func(ctx context.Context, c *ca.Client) error { _, err := c.Certificates.Get(ctx, "x"); return err }
	create := func(ctx context.Context, c *ca.Client) error {
		_, err := c.Certificates.Create(ctx, ca.CreateRequest{Contact: contact, CSR: "c", Period: 1, ProductType: ca.ProductDVSSL})
		return err
	}
	created := status(202, `{"certificateId":"x"}`)
	tests := []struct {
		name     string
		call     func(context.Context, *ca.Client) error
		answers  []func() (*http.Response, error)
		sent     int
		wantErr  error
		minWaits []time.Duration // the waits must be at least these
	}{
		{"GET 429 waits retryAfterSec", get, []func() (*http.Response, error){status(429, `{"code":"RATE_LIMITED","retryAfterSec":7}`), okGet}, 2, nil, []time.Duration{7 * time.Second}},
		{"GET 429 TOO_MANY_REQUESTS with Retry-After header", get, []func() (*http.Response, error){header(429, `{"code":"TOO_MANY_REQUESTS"}`, "Retry-After", "5"), okGet}, 2, nil, []time.Duration{5 * time.Second}},
		{"GET 502 503 504 then success", get, []func() (*http.Response, error){status(502, ""), status(503, "<html>busy</html>"), status(504, ""), okGet}, 4, nil, []time.Duration{0, 0, 0}},
		{"GET gives up after MaxAttempts", get, []func() (*http.Response, error){status(503, "")}, 4, ca.ErrUnavailable, nil},
		{"GET connection errors are retried", get, []func() (*http.Response, error){connErr, okGet}, 2, nil, nil},
		{"GET 500 is not retried", get, []func() (*http.Response, error){status(500, `{"code":"INTERNAL_SERVER_ERROR"}`), okGet}, 1, ca.ErrUnavailable, nil},
		{"GET 404 is not retried", get, []func() (*http.Response, error){status(404, `{"code":"NOT_FOUND"}`), okGet}, 1, ca.ErrNotFound, nil},
		{"create 429 is retried: the CA did not act", create, []func() (*http.Response, error){status(429, `{"code":"RATE_LIMITED","retryAfterSec":1}`), created}, 2, nil, []time.Duration{time.Second}},
		{"create without a connection is retried", create, []func() (*http.Response, error){connErr, created}, 2, nil, nil},
		{"create 503 is never repeated", create, []func() (*http.Response, error){status(503, ""), created}, 1, ca.ErrOutcomeUnknown, nil},
		{"create 502 is never repeated", create, []func() (*http.Response, error){status(502, ""), created}, 1, ca.ErrOutcomeUnknown, nil},
		{"create 500 is never repeated", create, []func() (*http.Response, error){status(500, ""), created}, 1, ca.ErrOutcomeUnknown, nil},
		{"create 202 with a broken body is unknown", create, []func() (*http.Response, error){status(202, `{"certificateId":`), created}, 1, ca.ErrOutcomeUnknown, nil},
		{"create 202 without an ID is unknown", create, []func() (*http.Response, error){status(202, `{}`), created}, 1, ca.ErrOutcomeUnknown, nil},
		{"create 422 is a definite refusal", create, []func() (*http.Response, error){status(422, `{"code":"INVALID_INPUT"}`), created}, 1, ca.ErrInvalid, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := mockClient(t, answers(tc.answers...))
			var waits []time.Duration
			ca.SetSleep(c, func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() })
			err := tc.call(t.Context(), c)
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
				var e *ca.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tc.sent, e.Attempts)
			}
			assert.Len(t, *seen, tc.sent)
			require.GreaterOrEqual(t, len(waits), len(tc.minWaits))
			for i, w := range tc.minWaits {
				assert.GreaterOrEqual(t, waits[i], w)
			}
		})
	}
}

// TestRetryBoundedByContext: no wait outlasts the context; a wait the CA asks for beyond the
// deadline or MaxRetryAfter ends the call at once.
func TestRetryBoundedByContext(t *testing.T) {
	t.Parallel()
	t.Run("deadline shorter than retryAfterSec", func(t *testing.T) {
		c, seen := mockClient(t, answers(status(429, `{"code":"RATE_LIMITED","retryAfterSec":30}`), okGet))
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		_, err := c.Certificates.Get(ctx, "x")
		assert.ErrorIs(t, err, ca.ErrRateLimited)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Len(t, *seen, 1)
	})
	t.Run("retryAfterSec above MaxRetryAfter", func(t *testing.T) {
		c, seen := mockClient(t, answers(status(429, `{"code":"RATE_LIMITED","retryAfterSec":3600}`), okGet))
		_, err := c.Certificates.Get(t.Context(), "x")
		var e *ca.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, time.Hour, e.RetryAfter)
		assert.Len(t, *seen, 1)
	})
	t.Run("cancelled while waiting", func(t *testing.T) {
		c, seen := mockClient(t, answers(status(503, ""), okGet), ca.WithRetry(ca.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Hour, MaxDelay: time.Hour}))
		ca.SetSleep(c, nil)
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.Certificates.Get(ctx, "x")
		assert.ErrorIs(t, err, context.Canceled)
		assert.ErrorIs(t, err, ca.ErrUnavailable)
		assert.Less(t, time.Since(start), 10*time.Second, "the hour-long backoff ended with the context")
		assert.Len(t, *seen, 1)
	})
}

// TestRateLimit: requests start one interval apart — 60 a minute by default, with 2% headroom —
// and a wait for a slot ends with the context.
func TestRateLimit(t *testing.T) {
	tests := []struct {
		name string
		opt  ca.Option
		gap  time.Duration
	}{
		{"default 60 a minute", nil, 1020 * time.Millisecond},
		{"10 a second", ca.WithRateLimit(10, time.Second), 102 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A clock that only the client's sleeping moves.
			var mu sync.Mutex
			clock := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			var starts []time.Time
			mt := httpmock.NewMockTransport()
			mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) { starts = append(starts, now()); return okGet() })
			opts := []ca.Option{ca.WithBaseURL("https://api.test"), ca.WithHTTPClient(&http.Client{Transport: mt})}
			if tc.opt != nil {
				opts = append(opts, tc.opt)
			}
			c, err := ca.NewClient(testKey, testSecret, opts...)
			require.NoError(t, err)
			ca.SetClock(c, now)
			ca.SetSleep(c, func(ctx context.Context, d time.Duration) error {
				mu.Lock()
				clock = clock.Add(d)
				mu.Unlock()
				return ctx.Err()
			})
			for range 4 {
				_, err := c.Certificates.Get(t.Context(), "x")
				require.NoError(t, err)
			}
			require.Len(t, starts, 4)
			for i := 1; i < len(starts); i++ {
				assert.Equal(t, tc.gap, starts[i].Sub(starts[i-1]), "request %d", i)
			}
		})
	}
	t.Run("cancelled while waiting for a slot", func(t *testing.T) {
		c, seen := mockClient(t, answers(okGet), ca.WithRateLimit(1, time.Hour))
		ca.SetSleep(c, nil)
		_, err := c.Certificates.Get(t.Context(), "x")
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		defer cancel()
		_, err = c.Certificates.Get(ctx, "x")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Len(t, *seen, 1, "the second request never started")
	})
}

// TestBacklog: the budget says how long a request made now would wait: nothing while a slot is
// free, the rest of the interval once one was taken; a client without a limit has no budget.
func TestBacklog(t *testing.T) {
	t.Parallel()
	c, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(404, ""), nil }, ca.WithRateLimit(1, time.Hour))
	b, err := c.Budget().Backlog(t.Context())
	require.NoError(t, err)
	assert.Zero(t, b, "a slot is free")
	_, _ = c.Certificates.Get(t.Context(), "x")
	b, err = c.Budget().Backlog(t.Context())
	require.NoError(t, err)
	assert.Greater(t, b, 59*time.Minute, "the next slot is an hour away")
	free, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(404, ""), nil })
	assert.Nil(t, free.Budget(), "no limit")
}

// TestBusy: a person's request bounded by a wait its slot is beyond fails with ErrBusy and sends
// nothing; unbounded, it waits for the slot.
func TestBusy(t *testing.T) {
	t.Parallel()
	c, seen := mockClient(t, answers(okGet, okGet), ca.WithRateLimit(1, time.Hour))
	_, err := c.Certificates.Get(t.Context(), "x")
	require.NoError(t, err)
	_, err = c.Certificates.Get(ca.WithInteractive(t.Context(), time.Second), "x")
	require.ErrorIs(t, err, ca.ErrBusy)
	var ce *ca.Error
	require.ErrorAs(t, err, &ce)
	assert.Zero(t, ce.Attempts)
	assert.Len(t, *seen, 1, "nothing sent")
	assert.Equal(t, int64(1), c.Budget().Stats().Busy)
}
