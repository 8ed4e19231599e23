package tlscheck_test

import (
	"context"
	"crypto/tls"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/tlscheck"
)

const site = "www.example.jp"

// TestCheckAgainstNginx: a real nginx serving the wanted certificate is OK; serving another
// is other_certificate with the served serial; a name it has no site for is a refused
// handshake; a chain checked against other roots does not verify.
func TestCheckAgainstNginx(t *testing.T) {
	t.Parallel()
	is := testkit.NewIssuer(t)
	want, leafPEM, keyPEM := is.Leaf(t, 0x1234, time.Now().AddDate(0, 3, 0), site)
	other, otherPEM, otherKey := is.Leaf(t, 0xbeef, time.Now().AddDate(0, 3, 0), "shop.example.jp")
	n := testkit.StartTLSNginx(t, func(name string) ([]byte, []byte) {
		if name == site {
			return append(leafPEM, is.PEM...), keyPEM
		}
		return append(otherPEM, is.PEM...), otherKey
	}, site, "shop.example.jp")
	c := &tlscheck.Checker{Timeout: 5 * time.Second}
	ctx := t.Context()

	r := c.Check(ctx, tlscheck.Target{Name: site, Addr: n.Addr}, tlscheck.Want{Leaf: want, Roots: is.Pool()})
	assert.True(t, r.OK(), "%+v", r.Problems)
	assert.Equal(t, want.SerialNumber, r.Served.SerialNumber)

	r = c.Check(ctx, tlscheck.Target{Name: "shop.example.jp", Addr: n.Addr}, tlscheck.Want{Leaf: want, Roots: is.Pool()})
	assert.Equal(t, []string{tlscheck.CodeOtherCertificate}, r.Codes())
	assert.Equal(t, "beef", r.Problems[0].Detail)
	assert.Equal(t, other.SerialNumber, r.Served.SerialNumber)
	assert.Equal(t, "shop.example.jpでは別の証明書（シリアル番号 beef）が配信されています。", r.Problems[0].Message("shop.example.jp", message.Japanese))

	r = c.Check(ctx, tlscheck.Target{Name: "nosite.example.jp", Addr: n.Addr}, tlscheck.Want{Leaf: want, Roots: is.Pool()})
	assert.Equal(t, []string{tlscheck.CodeHandshake}, r.Codes())
	assert.Nil(t, r.Served)

	r = c.Check(ctx, tlscheck.Target{Name: site, Addr: n.Addr}, tlscheck.Want{Leaf: want, Roots: testkit.NewIssuer(t).Pool()})
	assert.Equal(t, []string{tlscheck.CodeChain}, r.Codes(), "another CA's roots")
}

// serve runs a TLS server on loopback that serves cert for every name.
func serve(t testing.TB, cert tls.Certificate) string {
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.(*tls.Conn).Handshake()
			}()
		}
	}()
	return ln.Addr().String()
}

func pair(t testing.TB, leafPEM, keyPEM []byte, chain []byte) tls.Certificate {
	c, err := tls.X509KeyPair(append(leafPEM, chain...), keyPEM)
	require.NoError(t, err)
	return c
}

// TestCheckProblems: what a check finds, each a result with both texts, none an error: a name
// not covered, a certificate ending within the soon window (its date in Japanese), a missing
// intermediate, a closed port, a port that never answers (bounded by the timeout).
func TestCheckProblems(t *testing.T) {
	t.Parallel()
	is := testkit.NewIssuer(t)
	ctx := t.Context()
	c := &tlscheck.Checker{Timeout: 300 * time.Millisecond}

	leaf, leafPEM, keyPEM := is.Leaf(t, 7, time.Now().AddDate(0, 3, 0), "shop.example.jp")
	addr := serve(t, pair(t, leafPEM, keyPEM, is.PEM))
	r := c.Check(ctx, tlscheck.Target{Name: site, Addr: addr}, tlscheck.Want{Leaf: leaf, Roots: is.Pool()})
	assert.Equal(t, []string{tlscheck.CodeNameNotCovered}, r.Codes())

	end := time.Date(2027, 1, 10, 15, 30, 0, 0, time.UTC) // 11 January in Tokyo
	soonLeaf, soonPEM, soonKey := is.Leaf(t, 8, end, site)
	addr = serve(t, pair(t, soonPEM, soonKey, is.PEM))
	c2 := &tlscheck.Checker{Timeout: 300 * time.Millisecond, Now: func() time.Time { return end.AddDate(0, 0, -5) }}
	r = c2.Check(ctx, tlscheck.Target{Name: site, Addr: addr}, tlscheck.Want{Leaf: soonLeaf, Roots: is.Pool()})
	assert.Equal(t, []string{tlscheck.CodeExpiring}, r.Codes())
	assert.Equal(t, "www.example.jpで配信されている証明書は2027年1月11日に有効期限が切れます。", r.Problems[0].Message(site, message.Japanese))

	// An intermediate the server leaves out: the chain stops short of the root.
	root := testkit.NewIssuer(t)
	inter := root.Intermediate(t)
	mid, midPEM, midKey := inter.Leaf(t, 9, time.Now().AddDate(0, 3, 0), site)
	addr = serve(t, pair(t, midPEM, midKey, nil))
	r = c.Check(ctx, tlscheck.Target{Name: site, Addr: addr}, tlscheck.Want{Leaf: mid, Roots: root.Pool()})
	assert.Equal(t, []string{tlscheck.CodeChain}, r.Codes())
	addr = serve(t, pair(t, midPEM, midKey, inter.PEM))
	r = c.Check(ctx, tlscheck.Target{Name: site, Addr: addr}, tlscheck.Want{Leaf: mid, Roots: root.Pool()})
	assert.True(t, r.OK(), "with the intermediate: %+v", r.Problems)

	closed := "127.0.0.1:" + freePort(t)
	r = c.Check(ctx, tlscheck.Target{Name: site, Addr: closed}, tlscheck.Want{Leaf: leaf})
	assert.Equal(t, []string{tlscheck.CodeUnreachable}, r.Codes())

	silent, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { silent.Close() })
	began := time.Now()
	r = c.Check(ctx, tlscheck.Target{Name: site, Addr: silent.Addr().String()}, tlscheck.Want{Leaf: leaf})
	assert.Equal(t, []string{tlscheck.CodeUnreachable}, r.Codes(), "accepted, never answered")
	assert.Less(t, time.Since(began), 3*time.Second)
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	return port
}

// TestCheckAll: results come back in the targets' order, never more than Concurrency at once.
func TestCheckAll(t *testing.T) {
	t.Parallel()
	is := testkit.NewIssuer(t)
	leaf, leafPEM, keyPEM := is.Leaf(t, 1, time.Now().AddDate(0, 3, 0), site, "a.example.jp")
	addr := serve(t, pair(t, leafPEM, keyPEM, is.PEM))
	var targets []tlscheck.Target
	for range 50 {
		targets = append(targets, tlscheck.Target{Name: site, Addr: addr}, tlscheck.Target{Name: "b.example.jp", Addr: addr})
	}
	var inFlight, most atomic.Int32
	var d net.Dialer
	c := &tlscheck.Checker{Concurrency: 4, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond) // long enough for the others to pile up, if they could
		return d.DialContext(ctx, network, addr)
	}}
	rs := c.CheckAll(t.Context(), targets, tlscheck.Want{Leaf: leaf, Roots: is.Pool()})
	require.Len(t, rs, 100)
	for i, r := range rs {
		assert.Equal(t, targets[i], r.Target)
		assert.Equal(t, i%2 == 0, r.OK(), "target %d", i)
	}
	assert.LessOrEqual(t, most.Load(), int32(4), "at most four at once")
	assert.Greater(t, most.Load(), int32(1), "but several")
}
