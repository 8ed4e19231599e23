package deploy_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/message"
)

// TestError: each code matches its sentinel and has both texts; the rollback is said.
func TestError(t *testing.T) {
	t.Parallel()
	sentinels := map[string]error{"refused": deploy.ErrRefused, "reload": deploy.ErrReload, "outside": deploy.ErrOutside,
		"unauthorized": deploy.ErrUnauthorized, "unknown_site": deploy.ErrUnknownSite, "unavailable": deploy.ErrUnavailable, "not_covered": deploy.ErrNotCovered}
	for code, sentinel := range sentinels {
		e := &deploy.Error{Code: code, Target: "cPanel host1", RolledBack: true, Err: errors.New("cause")}
		assert.ErrorIs(t, e, sentinel, code)
		for other, s := range sentinels {
			if other != code {
				assert.NotErrorIs(t, e, s, "%s is not %s", code, other)
			}
		}
		ja, en := e.Message(message.Japanese), e.Message(message.English)
		assert.Contains(t, ja, "cPanel host1")
		assert.True(t, strings.HasSuffix(ja, "以前の証明書のまま配信されています。"), ja)
		assert.NotRegexp(t, `[a-z]{4,}`, strings.ReplaceAll(ja, "cPanel host1", ""), "Japanese through and through: %s", ja)
		assert.Contains(t, en, "the previous certificate is still served")
	}
	assert.Equal(t, strings.Repeat("x", 1024)+"…", deploy.Cut([]byte(strings.Repeat("x", 5000))))
}

// TestBundleHidesTheKey: printing a bundle with any verb shows its names, never its key.
func TestBundleHidesTheKey(t *testing.T) {
	t.Parallel()
	b := deploy.Bundle{Names: []string{"www.example.jp"}, Leaf: []byte("LEAF\n"), Chain: []byte("CHAIN\n"), Key: []byte("SECRET-KEY")}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{b, &b, struct{ B deploy.Bundle }{b}} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "SECRET-KEY", verb)
			assert.NotContains(t, out, "5345435245542d4b4559", verb) // hex of the key
		}
	}
	assert.Equal(t, "LEAF\nCHAIN\n", string(b.FullChain()))
	assert.Equal(t, "LEAF\nCHAIN\n", string(deploy.Bundle{Leaf: []byte("LEAF"), Chain: []byte("CHAIN\n")}.FullChain()), "a newline between")
}

// TestCovers: a name covers itself and a wildcard one label below, nothing else.
func TestCovers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		names []string
		site  string
		want  bool
	}{
		{[]string{"example.jp", "www.example.jp"}, "www.example.jp", true},
		{[]string{"Example.JP."}, "example.jp", true},
		{[]string{"*.example.jp"}, "shop.example.jp", true},
		{[]string{"*.example.jp"}, "example.jp", false},
		{[]string{"*.example.jp"}, "a.shop.example.jp", false},
		{[]string{"*.example.jp"}, ".example.jp", false},
		{[]string{"example.jp"}, "www.example.jp", false},
		{[]string{"xexample.jp"}, "example.jp", false},
		{nil, "example.jp", false},
	} {
		assert.Equal(t, tc.want, deploy.Covers(tc.names, tc.site), "%v covers %s", tc.names, tc.site)
	}
	err := deploy.NotCovered("cPanel web3", "shop.example.jp")
	assert.ErrorIs(t, err, deploy.ErrNotCovered)
	var de *deploy.Error
	if assert.ErrorAs(t, err, &de) {
		assert.Equal(t, "この証明書はcPanel web3のサイトのドメインを含んでいません。以前の証明書のまま配信されています。", de.Message(message.Japanese))
		assert.Equal(t, "shop.example.jp", de.Detail)
	}
}
