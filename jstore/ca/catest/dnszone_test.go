package catest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// TestDNSServerAsAZone: a DNSServer that serves a zone is a libdns provider dcv publishes
// through: the zone is found by its SOA, the record seen at its name server, and removed.
func TestDNSServerAsAZone(t *testing.T) {
	t.Parallel()
	zone, err := catest.NewDNSServer()
	require.NoError(t, err)
	t.Cleanup(zone.Close)
	zone.SetZone("example.jp")
	pub, err := dcv.NewDNS(zone, dcv.DNSConfig{Resolver: zone.Addr(), NameserverPort: zone.Port(), Poll: 10 * time.Millisecond, Wait: time.Second})
	require.NoError(t, err)
	ctx := t.Context()
	p, err := pub.Publish(ctx, dcv.Challenge{Domain: "www.example.jp", Method: dcv.MethodDNS, TXTName: "www.example.jp", Value: "token"})
	require.NoError(t, err)
	assert.Equal(t, "example.jp.", p.Zone)
	txt, err := zone.Resolver().LookupTXT(ctx, "www.example.jp")
	require.NoError(t, err)
	assert.Equal(t, []string{"token"}, txt)
	require.NoError(t, pub.Remove(ctx, p))
	_, err = zone.Resolver().LookupTXT(ctx, "www.example.jp")
	assert.Error(t, err, "gone")
	_, err = pub.Publish(ctx, dcv.Challenge{Domain: "www.other.jp", Method: dcv.MethodDNS, TXTName: "www.other.jp", Value: "token"})
	var e *dcv.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeZoneNotFound, e.Code, "a zone the server does not serve")
}
