package catest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// TestRateLimit: the (n+1)th request within the period is answered 429 RATE_LIMITED with the
// seconds to wait, counted by Throttled; once the period has passed, requests are admitted again.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	srv, err := catest.NewServer(catest.WithRateLimit(3, 300*time.Millisecond))
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	get := func() *http.Response {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL()+"/v1/certificates/x", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "sso-key catest-key:catest-secret")
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	start := time.Now()
	for i := range 3 {
		assert.Equal(t, http.StatusNotFound, get().StatusCode, "request %d admitted", i+1)
	}
	resp := get()
	if time.Since(start) < 300*time.Millisecond {
		require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		var body struct {
			Code          string `json:"code"`
			RetryAfterSec int    `json:"retryAfterSec"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
		assert.Equal(t, "RATE_LIMITED", body.Code)
		assert.Equal(t, 1, body.RetryAfterSec)
		assert.Equal(t, 1, srv.Throttled())
	}
	time.Sleep(300 * time.Millisecond) // every admission is now more than a period old
	assert.Equal(t, http.StatusNotFound, get().StatusCode, "a new period")
	_, err = catest.NewServer(catest.WithRateLimit(0, time.Second))
	assert.Error(t, err)
}
