package cpanel_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/cpanel"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/message"
)

const (
	base  = "https://web3.example.jp:2083"
	token = "U7HMR63FHY282DQZ4H5BIH16JLYSO01M"
)

func golden(t testing.TB, name string) httpmock.Responder {
	body, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return httpmock.NewBytesResponder(200, body).HeaderSet(http.Header{"Content-Type": {"application/json"}})
}

// bundle is a certificate for names, by default example.com and www.example.com.
func bundle(t testing.TB, names ...string) deploy.Bundle {
	if len(names) == 0 {
		names = []string{"example.com", "www.example.com"}
	}
	is := testkit.NewIssuer(t)
	_, leaf, key := is.Leaf(t, 7, time.Now().Add(24*time.Hour), names...)
	return deploy.Bundle{Names: names, Leaf: leaf, Chain: is.PEM, Key: key}
}

// mocked is a deployer for domain whose requests go to a fresh httpmock transport.
func mocked(t testing.TB, domain string) (*cpanel.Deployer, *httpmock.MockTransport) {
	mock := httpmock.NewMockTransport()
	d, err := cpanel.New(cpanel.Config{Name: "cPanel web3", URL: base, User: "username", Token: token, Domain: domain, HTTP: &http.Client{Transport: mock}})
	require.NoError(t, err)
	return d, mock
}

// TestInstall: the golden answers lead to one list_domains and one install_ssl carrying the
// token, the domain, the leaf, the key and the chain as a form.
func TestInstall(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t, "example.com")
	b := bundle(t)
	mock.RegisterResponder("GET", base+"/execute/DomainInfo/list_domains", golden(t, "list_domains.json"))
	var form map[string][]string
	mock.RegisterResponder("POST", base+"/execute/SSL/install_ssl", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "cpanel username:"+token, r.Header.Get("Authorization"))
		assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))
		require.NoError(t, r.ParseForm())
		form = r.PostForm
		return golden(t, "install_ssl_ok.json")(r)
	})

	require.NoError(t, d.Deploy(t.Context(), b))
	assert.Equal(t, map[string][]string{"domain": {"example.com"}, "cert": {string(b.Leaf)}, "key": {string(b.Key)}, "cabundle": {string(b.Chain)}}, form)
	assert.Equal(t, map[string]int{
		"GET " + base + "/execute/DomainInfo/list_domains": 1,
		"POST " + base + "/execute/SSL/install_ssl":        1,
	}, mock.GetCallCountInfo())
}

// TestDomainsOnTheAccount: every kind of domain the account lists can be installed on, in any
// case and with a final dot; a domain it does not list is unknown_site and nothing is sent.
func TestDomainsOnTheAccount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		domain string
		known  bool
	}{
		{"example.com", true}, {"EXAMPLE.com.", true}, {"example.net", true},
		{"shop.example.com", true}, {"example.org", true},
		{"www.example.com", false}, {"example.jp", false}, {"xample.com", false},
	} {
		t.Run(tc.domain, func(t *testing.T) {
			d, mock := mocked(t, tc.domain)
			mock.RegisterResponder("GET", base+"/execute/DomainInfo/list_domains", golden(t, "list_domains.json"))
			mock.RegisterResponder("POST", base+"/execute/SSL/install_ssl", golden(t, "install_ssl_ok.json"))
			err := d.Deploy(t.Context(), bundle(t, strings.ToLower(strings.TrimSuffix(tc.domain, "."))))
			installs := mock.GetCallCountInfo()["POST "+base+"/execute/SSL/install_ssl"]
			if tc.known {
				require.NoError(t, err)
				assert.Equal(t, 1, installs)
				return
			}
			require.ErrorIs(t, err, deploy.ErrUnknownSite)
			assert.Zero(t, installs)
			var de *deploy.Error
			require.ErrorAs(t, err, &de)
			assert.True(t, de.RolledBack)
			assert.Equal(t, "cPanel web3にこのドメインのサイトがありません。以前の証明書のまま配信されています。", de.Message(message.Japanese))
		})
	}
}

// TestFailures: each failure is its typed error, says whether the previous certificate is
// still served, and never carries the token, even when the server echoes it.
func TestFailures(t *testing.T) {
	t.Parallel()
	list := "list_domains.json"
	for _, tc := range []struct {
		name       string
		install    httpmock.Responder
		list       httpmock.Responder
		want       error
		rolledBack bool
		detail     string
	}{
		{name: "refused", install: golden(t, "install_ssl_refused.json"), want: deploy.ErrRefused, rolledBack: true, detail: "Certificate Authority Bundle"},
		{name: "token refused", list: httpmock.NewStringResponder(401, "Access denied: "+token), want: deploy.ErrUnauthorized, rolledBack: true},
		{name: "forbidden install", install: httpmock.NewStringResponder(403, ""), want: deploy.ErrUnauthorized, rolledBack: true},
		{name: "server error", install: httpmock.NewStringResponder(500, "Internal Server Error"), want: deploy.ErrUnavailable},
		{name: "down", list: httpmock.NewErrorResponder(fmt.Errorf("dial tcp: connection refused (token %s)", token)), want: deploy.ErrUnavailable},
		{name: "login page", install: httpmock.NewStringResponder(200, "<html>cPanel Login</html>"), want: deploy.ErrUnavailable},
		{name: "status without data", list: httpmock.NewStringResponder(200, `{"status":1}`), want: deploy.ErrUnavailable},
		{name: "errors echo the token", install: httpmock.NewStringResponder(200, `{"status":0,"errors":["bad token `+token+`"]}`), want: deploy.ErrRefused, rolledBack: true, detail: "bad token [redacted]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, mock := mocked(t, "example.com")
			if tc.list == nil {
				tc.list = golden(t, list)
			}
			if tc.install == nil {
				tc.install = golden(t, "install_ssl_ok.json")
			}
			mock.RegisterResponder("GET", base+"/execute/DomainInfo/list_domains", tc.list)
			mock.RegisterResponder("POST", base+"/execute/SSL/install_ssl", tc.install)
			err := d.Deploy(t.Context(), bundle(t))
			require.ErrorIs(t, err, tc.want)
			var de *deploy.Error
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.rolledBack, de.RolledBack)
			assert.Equal(t, "cPanel web3", de.Target)
			assert.Contains(t, de.Detail, tc.detail)
			for _, text := range []string{err.Error(), de.Detail, de.Message(message.Japanese), de.Message(message.English), fmt.Sprintf("%+v %#v", err, d)} {
				assert.NotContains(t, text, token)
			}
		})
	}
}

// TestNotCovered: a certificate that does not cover the domain is refused before any request.
func TestNotCovered(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t, "shop.example.com")
	err := d.Deploy(t.Context(), bundle(t))
	require.ErrorIs(t, err, deploy.ErrNotCovered)
	assert.Zero(t, mock.GetTotalCallCount())
}

// TestCancelled: a cancelled context sends nothing, is unavailable and still matches
// context.Canceled.
func TestCancelled(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t, "example.com")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := d.Deploy(ctx, bundle(t))
	require.ErrorIs(t, err, deploy.ErrUnavailable)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, mock.GetTotalCallCount())
}

// TestNew refuses a configuration that could not work or would leak the token.
func TestNew(t *testing.T) {
	t.Parallel()
	ok := cpanel.Config{Name: "cPanel", URL: base, User: "u", Token: token, Domain: "example.com"}
	for name, edit := range map[string]func(*cpanel.Config){
		"no name":          func(c *cpanel.Config) { c.Name = "" },
		"no token":         func(c *cpanel.Config) { c.Token = "" },
		"no user":          func(c *cpanel.Config) { c.User = "" },
		"no domain":        func(c *cpanel.Config) { c.Domain = "" },
		"plain http":       func(c *cpanel.Config) { c.URL = "http://web3.example.jp:2083" },
		"credentials":      func(c *cpanel.Config) { c.URL = "https://u:p@web3.example.jp:2083" },
		"a path":           func(c *cpanel.Config) { c.URL = base + "/cpsess123/" },
		"not a URL":        func(c *cpanel.Config) { c.URL = "web3.example.jp" },
		"colon in user":    func(c *cpanel.Config) { c.User = "u:x" },
		"newline in token": func(c *cpanel.Config) { c.Token = "a\r\nX-Evil: 1" },
	} {
		t.Run(name, func(t *testing.T) {
			c := ok
			edit(&c)
			_, err := cpanel.New(c)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), token)
			assert.False(t, strings.Contains(err.Error(), ":p@"), err.Error())
		})
	}
	for _, u := range []string{base, base + "/", "http://127.0.0.1:2083", "http://localhost:2083", "http://[::1]:2083"} {
		c := ok
		c.URL = u
		_, err := cpanel.New(c)
		assert.NoError(t, err, u)
	}
}
