package testkit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// Simulator starts a catest server on the shared PKI, closed when the test ends, and a client
// for it without a rate limit and with millisecond backoff.
func Simulator(t testing.TB, opts ...catest.Option) (*catest.Server, *ca.Client) {
	t.Helper()
	srv, err := catest.NewServer(append([]catest.Option{catest.WithPKI(PKI(t))}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit(),
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxRetryAfter: 2 * time.Second}))
	require.NoError(t, err)
	return srv, c
}
