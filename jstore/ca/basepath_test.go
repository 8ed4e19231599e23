package ca_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// TestBasePathIsKept mounts the API under a path, as a proxy or gateway in front of the CA
// does (go-github's tests mount their mux the same way): every route, with its escaped
// parameters, must land under that path, never at the host's root.
func TestBasePathIsKept(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	var got []string
	mux.HandleFunc("/gateway/godaddy/", func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.EscapedPath())
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"certificateId":"a b","status":"ISSUED"}`))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request left the base path: %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	for _, base := range []string{srv.URL + "/gateway/godaddy", srv.URL + "/gateway/godaddy/"} {
		got = nil
		c, err := ca.NewClient("key", "secret", ca.WithBaseURL(base), ca.WithoutRateLimit(), ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
		require.NoError(t, err)
		cert, err := c.Certificates.Get(t.Context(), "a b")
		require.NoError(t, err)
		assert.Equal(t, "a b", cert.CertificateID)
		require.NoError(t, c.Certificates.Revoke(t.Context(), "a/b", ca.ReasonSuperseded))
		assert.Equal(t, []string{
			"GET /gateway/godaddy/v1/certificates/a%20b",
			"POST /gateway/godaddy/v1/certificates/a%2Fb/revoke",
		}, got, "base %s", base)
	}
}
