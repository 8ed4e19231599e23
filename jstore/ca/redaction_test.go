package ca_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// TestRedaction logs at debug level through every endpoint and every path (success, each error
// status, a retry, a broken body, a transport failure) and searches the log, every error text
// and every way of printing the client for the key and the secret.
func TestRedaction(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var texts []string
	answersFor := []httpmock.Responder{
		func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(200, `{}`), nil },
		answers(status(429, `{"code":"RATE_LIMITED","retryAfterSec":1}`), status(503, ""), status(200, "{}")),
		func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(401, ""), nil },
		func(*http.Request) (*http.Response, error) {
			return httpmock.NewStringResponse(422, `{"code":"INVALID_INPUT","message":"bad","fields":[{"code":"X","path":"csr"}]}`), nil
		},
		func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(200, `{"trunc`), nil },
		func(r *http.Request) (*http.Response, error) { return nil, fmt.Errorf("dial tcp: refused") },
	}
	for _, respond := range answersFor {
		for _, tc := range wireCases() {
			c, _ := mockClient(t, respond, ca.WithLogger(logger))
			_, err := tc.run(t.Context(), c)
			if err != nil {
				texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
			}
			texts = append(texts, c.String(), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", *c), fmt.Sprintf("%#v", c))
		}
	}
	require.Contains(t, logs.String(), "op=certificate_create", "the log has lines to search")
	require.Contains(t, logs.String(), "status=422")
	all := logs.String() + strings.Join(texts, "\n")
	for _, secret := range []string{testKey, testSecret, "sso-key", base64.StdEncoding.EncodeToString([]byte(testKey + ":" + testSecret))} {
		assert.NotContains(t, all, secret)
	}
}

// TestNewClientRefuses: bad credentials and nil or zero options are errors at construction.
func TestNewClientRefuses(t *testing.T) {
	tests := []struct {
		name        string
		key, secret string
		opts        []ca.Option
	}{
		{"empty key", "", "SECRET-1", nil},
		{"empty secret", "k", "", nil},
		{"colon in key", "k:x", "SECRET-1", nil},
		{"newline in secret", "k", "SECRET-1\nX-Evil: 1", nil},
		{"nil option", "k", "SECRET-1", []ca.Option{nil}},
		{"nil http client", "k", "SECRET-1", []ca.Option{ca.WithHTTPClient(nil)}},
		{"nil logger", "k", "SECRET-1", []ca.Option{ca.WithLogger(nil)}},
		{"empty base URL", "k", "SECRET-1", []ca.Option{ca.WithBaseURL("")}},
		{"base URL with credentials", "k", "SECRET-1", []ca.Option{ca.WithBaseURL("https://u:p@api.test")}},
		{"base URL not http", "k", "SECRET-1", []ca.Option{ca.WithBaseURL("ftp://api.test")}},
		{"base URL with a query", "k", "SECRET-1", []ca.Option{ca.WithBaseURL("https://api.test/?a=1")}},
		{"empty market", "k", "SECRET-1", []ca.Option{ca.WithMarketID("")}},
		{"empty user agent", "k", "SECRET-1", []ca.Option{ca.WithUserAgent("")}},
		{"zero rate", "k", "SECRET-1", []ca.Option{ca.WithRateLimit(0, 0)}},
		{"zero retry policy", "k", "SECRET-1", []ca.Option{ca.WithRetry(ca.RetryPolicy{})}},
		{"backoff above its cap", "k", "SECRET-1", []ca.Option{ca.WithRetry(ca.RetryPolicy{MaxAttempts: 2, BaseDelay: 2, MaxDelay: 1})}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ca.NewClient(tc.key, tc.secret, tc.opts...)
			assert.Error(t, err)
			assert.Nil(t, c)
			if tc.secret != "" {
				assert.NotContains(t, err.Error(), tc.secret)
			}
		})
	}
	c, err := ca.NewClient("k", "s", ca.WithBaseURL(ca.OTE))
	require.NoError(t, err)
	assert.Equal(t, "ca.Client{https://api.ote-godaddy.com}", c.String())
}
