package ca_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// Generating the simulator's four RSA keys takes a while; the tests share one PKI and one leaf
// key. Each test still gets its own server and state.
var (
	sharedPKI = sync.OnceValues(catest.NewPKI)
	sharedKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })
)

// clock is a settable clock for the simulator.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// simulator starts a catest server with the shared PKI and a client for it without a rate
// limit and with millisecond backoff.
func simulator(t testing.TB, opts ...catest.Option) (*catest.Server, *ca.Client) {
	t.Helper()
	p, err := sharedPKI()
	require.NoError(t, err)
	srv, err := catest.NewServer(append([]catest.Option{catest.WithPKI(p)}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	c, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit(),
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxRetryAfter: 2 * time.Second}))
	require.NoError(t, err)
	return srv, c
}

// csrFor makes a PEM CSR for cn and sans with key (the shared RSA key when nil).
func csrFor(t testing.TB, key crypto.Signer, cn string, sans ...string) string {
	t.Helper()
	if key == nil {
		k, err := sharedKey()
		require.NoError(t, err)
		key = k
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: cn}, DNSNames: append([]string{cn}, sans...)}, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
}

var contact = ca.Contact{Email: "tanaka@example.jp", NameFirst: "Taro", NameLast: "Tanaka", Phone: "+81.312345678"}

// parseChain decodes a bundle and verifies it to roots, returning the leaf.
func verifyBundle(t testing.TB, b *ca.Bundle, roots *x509.CertPool, at time.Time, name string) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode([]byte(b.PEMs.Certificate))
	require.NotNil(t, block, "leaf PEM")
	leaf, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	inter := x509.NewCertPool()
	require.True(t, inter.AppendCertsFromPEM([]byte(b.PEMs.Intermediate)), "intermediate PEM")
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: name, CurrentTime: at})
	require.NoError(t, err)
	return leaf
}

func rootPool(c *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c)
	return p
}

func x509VerifyOpts(root *x509.Certificate, b *ca.Bundle, at time.Time) x509.VerifyOptions {
	inter := x509.NewCertPool()
	inter.AppendCertsFromPEM([]byte(b.PEMs.Intermediate))
	return x509.VerifyOptions{Roots: rootPool(root), Intermediates: inter, CurrentTime: at}
}

func pemDER(t testing.TB, s string) []byte {
	t.Helper()
	block, _ := pem.Decode([]byte(s))
	require.NotNil(t, block)
	return block.Bytes
}
