package ca_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
)

// echo answers with the request's Authorization header, the key and the secret in every place
// a CA or a proxy could put them: the message, a field's path, code and message, and the error
// code.
func echo(r *http.Request) (*http.Response, error) {
	auth := r.Header.Get("Authorization")
	body, _ := json.Marshal(map[string]any{
		"code":    "BAD_" + testKey,
		"message": "refused " + auth + " for " + testSecret + " / " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret)),
		"fields":  []map[string]string{{"code": testSecret, "path": "key:" + testKey, "message": auth}},
	})
	return httpmock.NewBytesResponse(422, body), nil
}

// TestRedaction logs at debug level through every endpoint and every path (success, each error
// status, a retry, a broken body, a transport failure, answers and a redirect that echo the
// credentials) and searches the log, every error text and every way of printing the client,
// and structs holding it, for the key and the secret.
func TestRedaction(t *testing.T) {
	t.Parallel()
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
		echo,
		func(r *http.Request) (*http.Response, error) {
			return nil, fmt.Errorf("proxy said: %s", r.Header.Get("Authorization"))
		},
		func(r *http.Request) (*http.Response, error) {
			resp := httpmock.NewStringResponse(302, "")
			resp.Header.Set("Location", "https://elsewhere.test/"+testKey+"/"+url.PathEscape(testSecret)+"?auth="+url.QueryEscape(r.Header.Get("Authorization")))
			return resp, nil
		},
	}
	for _, respond := range answersFor {
		for _, tc := range wireCases() {
			c, _ := mockClient(t, respond, ca.WithLogger(logger))
			_, err := tc.run(t.Context(), c)
			if err != nil {
				texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
				var e *ca.Error
				if errors.As(err, &e) {
					texts = append(texts, printings(*e)...)
				}
			}
		}
	}
	c, _ := mockClient(t, echo)
	adapter, err := adapter.New(c, "shopper-1")
	require.NoError(t, err)
	holders := []any{c, *c, struct{ C *ca.Client }{c}, struct{ C ca.Client }{*c}, []*ca.Client{c}, map[string]ca.Client{"c": *c}, adapter, *adapter}
	for _, h := range holders {
		texts = append(texts, printings(h)...)
	}
	require.Contains(t, logs.String(), "op=certificate_create", "the log has lines to search")
	require.Contains(t, logs.String(), "status=422")
	require.Contains(t, logs.String(), "redirected to https://elsewhere.test/")
	all := logs.String() + strings.Join(texts, "\n")
	for _, secret := range []string{testKey, testSecret, "sso-key", base64.StdEncoding.EncodeToString([]byte(testKey + ":" + testSecret))} {
		assert.NotContains(t, all, secret)
	}
	assert.Contains(t, all, "[REDACTED]", "echoes were replaced, not dropped with their answer")
}

// printings formats v with every fmt verb, flags included.
func printings(v any) []string {
	var out []string
	for _, verb := range []string{"%s", "%q", "%t", "%d", "%x", "%X", "%v", "%+v", "%#v", "%T", "%p", "%o", "%e", "%U", "%c", "%b"} {
		out = append(out, fmt.Sprintf(verb, v))
	}
	if s, ok := v.(fmt.Stringer); ok {
		out = append(out, s.String())
	}
	return out
}

// TestRedirectsAreNotFollowed: a 3xx is an error naming where it pointed; the credentials and
// a create request never go there.
func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{301, 302, 303, 307, 308} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			c, seen := mockClient(t, func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(code, "")
				resp.Header.Set("Location", "http://other.test:8080/v1/certificates?token=abc")
				return resp, nil
			})
			_, err := c.Certificates.Get(t.Context(), "x")
			require.ErrorIs(t, err, ca.ErrBadResponse)
			assert.Contains(t, err.Error(), "redirected to http://other.test:8080/v1/certificates")
			assert.NotContains(t, err.Error(), "token=abc", "the location's query is not quoted")
			_, err = c.Certificates.Create(t.Context(), ca.CreateRequest{})
			require.ErrorIs(t, err, ca.ErrOutcomeUnknown, "a create that met a redirect is reconciled, never sent again")
			require.Len(t, *seen, 2, "one request each, none to the other host")
			for _, r := range *seen {
				assert.Equal(t, "api.test", r.URL.Host)
			}
		})
	}
}

// TestNewClientRefuses: bad credentials and nil or zero options are errors at construction.
func TestNewClientRefuses(t *testing.T) {
	t.Parallel()
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
