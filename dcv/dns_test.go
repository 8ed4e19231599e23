package dcv_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/dcv/rfc2136"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/message"
)

// knotZones are a zone served by one name server, and one whose second name server (on
// 127.0.0.2, where nothing listens) never answers.
var knotZones = []testkit.KnotZone{
	{Apex: "example.test", Records: []string{"@ NS ns1", "ns1 A 127.0.0.1"}},
	{Apex: "lag.test", Records: []string{"@ NS ns1", "@ NS ns2", "ns1 A 127.0.0.1", "ns2 A 127.0.0.2"}},
}

func knotPublisher(t *testing.T, cfg dcv.DNSConfig) (*dcv.DNS, *testkit.Knot, *rfc2136.Provider) {
	t.Helper()
	knot := testkit.StartKnot(t, knotZones...)
	p, err := rfc2136.New(knot.Addr, knot.KeyName, knot.Secret)
	require.NoError(t, err)
	cfg.Resolver, cfg.NameserverPort = knot.Addr, knot.Port
	cfg.Poll = 50 * time.Millisecond
	pub, err := dcv.NewDNS(p, cfg)
	require.NoError(t, err)
	return pub, knot, p
}

// TestDNSPublishesThroughKnot: the record is added to the zone found by SOA, seen at the
// zone's authoritative server before Publish returns, added once however often it is published,
// and removed; a sub-domain's record goes to its parent zone.
func TestDNSPublishesThroughKnot(t *testing.T) {
	t.Parallel()
	pub, knot, _ := knotPublisher(t, dcv.DNSConfig{})
	ctx := t.Context()
	for _, domain := range []string{"www.example.test", "example.test", "a.b.example.test"} {
		c := dcv.Challenge{Domain: domain, Method: dcv.MethodDNS, TXTName: domain, Value: "unique-" + domain}
		p, err := pub.Publish(ctx, c)
		require.NoError(t, err, domain)
		assert.Equal(t, "example.test.", p.Zone)
		assert.Equal(t, []string{c.Value}, testkit.TXT(t, knot.Addr, domain), "seen before Publish returned")
		_, err = pub.Publish(ctx, c)
		require.NoError(t, err)
		assert.Equal(t, []string{c.Value}, testkit.TXT(t, knot.Addr, domain), "publishing again adds no second record")
		require.NoError(t, pub.Remove(ctx, p))
		assert.Empty(t, testkit.TXT(t, knot.Addr, domain))
		require.NoError(t, pub.Remove(ctx, p), "removing what is gone is not an error")
		_, err = pub.Publish(ctx, c)
		require.NoError(t, err)
		require.NoError(t, pub.Remove(ctx, c.Intent()), "an intent finds its zone")
		assert.Empty(t, testkit.TXT(t, knot.Addr, domain))
	}
}

// TestDNSFailures: a name server that never answers is named in the error and the record is
// taken away again; a zone no server has, a zone outside the configured ones, a challenge for
// another name, and a provider that fails are each told apart, in both languages.
func TestDNSFailures(t *testing.T) {
	t.Parallel()
	pub, knot, provider := knotPublisher(t, dcv.DNSConfig{Wait: 500 * time.Millisecond, QueryTimeout: 200 * time.Millisecond})
	ctx := t.Context()

	_, err := pub.Publish(ctx, dcv.Challenge{Domain: "www.lag.test", Method: dcv.MethodDNS, TXTName: "www.lag.test", Value: "v1"})
	var e *dcv.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeNameserver, e.Code)
	assert.Equal(t, "ns2.lag.test", e.Server)
	assert.Equal(t, "www.lag.testの権威ネームサーバーns2.lag.testが応答しません。", e.Message(message.Japanese))
	assert.Empty(t, testkit.TXT(t, knot.Addr, "www.lag.test"), "nothing is left behind")

	_, err = pub.Publish(ctx, dcv.Challenge{Domain: "www.nowhere.test", Method: dcv.MethodDNS, TXTName: "www.nowhere.test", Value: "v"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeZoneNotFound, e.Code)

	_, err = pub.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodDNS, TXTName: "evil.test", Value: "v"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeInvalidChallenge, e.Code, "a record elsewhere than at the domain is never published")

	_, err = pub.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodFile, Path: "/.well-known/pki-validation/starfield.html", Value: "v"})
	assert.ErrorIs(t, err, dcv.ErrNotServed, "the DNS publisher serves no files")

	only, err := dcv.NewDNS(provider, dcv.DNSConfig{Resolver: knot.Addr, NameserverPort: knot.Port, Zones: []string{"lag.test"}})
	require.NoError(t, err)
	_, err = only.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodDNS, TXTName: "www.example.test", Value: "v"})
	assert.ErrorIs(t, err, dcv.ErrNotServed)

	failing, err := dcv.NewDNS(failingProvider{}, dcv.DNSConfig{Resolver: knot.Addr, NameserverPort: knot.Port})
	require.NoError(t, err)
	_, err = failing.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodDNS, TXTName: "www.example.test", Value: "v"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeProvider, e.Code)
	assert.Contains(t, e.Message(message.English), "DNS provider")
	assert.ErrorContains(t, err, "the provider's API said no")
}

type failingProvider struct{}

func (failingProvider) AppendRecords(context.Context, string, []libdns.Record) ([]libdns.Record, error) {
	return nil, errors.New("the provider's API said no")
}

func (failingProvider) DeleteRecords(context.Context, string, []libdns.Record) ([]libdns.Record, error) {
	return nil, errors.New("the provider's API said no")
}

// TestChain: a challenge goes to the first publisher that serves it, and a publication is
// removed by the one that knows it; what none serves is ErrNotServed.
func TestChain(t *testing.T) {
	t.Parallel()
	pub, knot, _ := knotPublisher(t, dcv.DNSConfig{Zones: []string{"example.test"}})
	root := t.TempDir()
	web, err := dcv.NewWebRoot(map[string]string{"www.example.test": root})
	require.NoError(t, err)
	chain := dcv.Chain{web, pub}
	ctx := t.Context()
	file, err := chain.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodFile, Path: "/.well-known/pki-validation/starfield.html", Value: "f"})
	require.NoError(t, err)
	rec, err := chain.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodDNS, TXTName: "www.example.test", Value: "d"})
	require.NoError(t, err)
	assert.Equal(t, []string{"d"}, testkit.TXT(t, knot.Addr, "www.example.test"))
	require.NoError(t, chain.Remove(ctx, rec), "the web root passes a DNS publication on")
	require.NoError(t, chain.Remove(ctx, file), "the DNS publisher passes a file on")
	assert.Empty(t, testkit.TXT(t, knot.Addr, "www.example.test"))
	_, err = chain.Publish(ctx, dcv.Challenge{Domain: "shop.lag.test", Method: dcv.MethodFile, Path: "/.well-known/pki-validation/starfield.html", Value: "f"})
	assert.ErrorIs(t, err, dcv.ErrNotServed)
	assert.ErrorIs(t, chain.Remove(ctx, dcv.Publication{Domain: "x.lag.test", Method: dcv.MethodDNS, Zone: "lag.test.", Name: "x", Value: "v"}), dcv.ErrNotServed)
}
