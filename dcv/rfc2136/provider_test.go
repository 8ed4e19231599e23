package rfc2136_test

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv/rfc2136"
	"github.com/jstore-sdk/sdk/internal/testkit"
)

// TestAgainstKnot: records appended through signed updates are served by a real Knot DNS,
// listed by a signed transfer, and deleted exactly; a TXT value over 255 bytes travels as
// several strings and comes back whole.
func TestAgainstKnot(t *testing.T) {
	t.Parallel()
	knot := testkit.StartKnot(t, testkit.KnotZone{Apex: "example.test", Records: []string{"@ NS ns1", "ns1 A 127.0.0.1"}})
	p, err := rfc2136.New(knot.Addr, knot.KeyName, knot.Secret, rfc2136.WithTimeout(5*time.Second))
	require.NoError(t, err)
	ctx := t.Context()
	long := strings.Repeat("v", 300)
	added, err := p.AppendRecords(ctx, "example.test.", []libdns.Record{
		libdns.TXT{Name: "www", TTL: time.Minute, Text: "token-1"},
		libdns.TXT{Name: "www", TTL: time.Minute, Text: long},
		libdns.Address{Name: "shop", TTL: time.Minute, IP: netip.MustParseAddr("192.0.2.7")},
	})
	require.NoError(t, err)
	require.Len(t, added, 3)
	assert.IsType(t, libdns.TXT{}, added[0])
	assert.ElementsMatch(t, []string{"token-1", long}, testkit.TXT(t, knot.Addr, "www.example.test."))

	recs, err := p.GetRecords(ctx, "example.test.")
	require.NoError(t, err)
	var txts []string
	var shop bool
	for _, r := range recs {
		switch v := r.(type) {
		case libdns.TXT:
			txts = append(txts, v.Name+"="+v.Text)
		case libdns.Address:
			shop = shop || v.Name == "shop" && v.IP.String() == "192.0.2.7"
		}
	}
	assert.ElementsMatch(t, []string{"www=token-1", "www=" + long}, txts)
	assert.True(t, shop)

	gone, err := p.DeleteRecords(ctx, "example.test.", []libdns.Record{libdns.TXT{Name: "www", Text: "token-1"}, libdns.TXT{Name: "absent", Text: "x"}})
	require.NoError(t, err)
	require.Len(t, gone, 1, "only what existed is reported deleted")
	assert.Equal(t, []string{long}, testkit.TXT(t, knot.Addr, "www.example.test."))
	_, err = p.DeleteRecords(ctx, "example.test.", []libdns.Record{libdns.RR{Name: "www"}, libdns.RR{Name: "shop", Type: "A"}})
	require.NoError(t, err)
	assert.Empty(t, testkit.TXT(t, knot.Addr, "www.example.test."), "an empty type and value delete every record of the name")
}

// TestRefusals: a wrong secret, a zone the server does not serve and a name outside the zone
// are errors that never carry the secret; the provider prints without it.
func TestRefusals(t *testing.T) {
	t.Parallel()
	knot := testkit.StartKnot(t, testkit.KnotZone{Apex: "example.test", Records: []string{"@ NS ns1", "ns1 A 127.0.0.1"}})
	ctx := t.Context()
	wrong := base64.StdEncoding.EncodeToString([]byte("another-secret-of-32-bytes-long!"))
	bad, err := rfc2136.New(knot.Addr, knot.KeyName, wrong)
	require.NoError(t, err)
	_, err = bad.AppendRecords(ctx, "example.test.", []libdns.Record{libdns.TXT{Name: "www", Text: "x"}})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), wrong)

	p, err := rfc2136.New(knot.Addr, knot.KeyName, knot.Secret)
	require.NoError(t, err)
	_, err = p.AppendRecords(ctx, "elsewhere.test.", []libdns.Record{libdns.TXT{Name: "www", Text: "x"}})
	assert.Error(t, err, "a zone the server does not serve")
	_, err = p.AppendRecords(ctx, "example.test.", []libdns.Record{libdns.TXT{Name: "www.other.test.", Text: "x"}})
	assert.ErrorContains(t, err, "not in the zone")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, p), knot.Secret, verb)
	}

	for _, tc := range []struct{ server, key, secret string }{{"", "k", knot.Secret}, {knot.Addr, "", knot.Secret}, {knot.Addr, "k", "not base64!"}} {
		_, err := rfc2136.New(tc.server, tc.key, tc.secret)
		assert.Error(t, err)
	}
	_, err = rfc2136.New(knot.Addr, knot.KeyName, knot.Secret, rfc2136.WithAlgorithm("hmac-md5"))
	assert.Error(t, err)
}
