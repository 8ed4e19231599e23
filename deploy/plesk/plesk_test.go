package plesk_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/plesk"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/message"
)

const (
	agent  = "https://web5.example.jp:8443/enterprise/control/agent.php"
	secret = "f8c5a4e0-6b77-4a4e-b8a1-6a0f33d0c1de"
)

func read(t testing.TB, name string) string {
	body, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(body)
}

// bundle is a leaf with serial 0x2A, the serial the golden requests name.
func bundle(t testing.TB) deploy.Bundle {
	is := testkit.NewIssuer(t)
	_, leaf, key := is.Leaf(t, 0x2A, time.Now().Add(24*time.Hour), "example.com")
	return deploy.Bundle{Names: []string{"example.com"}, Leaf: leaf, Chain: is.PEM, Key: key}
}

// node is an XML element as the tests compare it: name, trimmed text, children in order.
type node struct {
	Name     string
	Text     string
	Children []node
}

func tree(t testing.TB, doc string) node {
	dec := xml.NewDecoder(strings.NewReader(doc))
	var stack []node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, node{Name: tok.Name.Local})
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += strings.TrimSpace(string(tok))
			}
		case xml.EndElement:
			done := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return done
			}
			stack[len(stack)-1].Children = append(stack[len(stack)-1].Children, done)
		}
	}
	t.Fatal("no root element")
	return node{}
}

// expect answers with the golden answer after checking the request against the golden request.
func expect(t testing.TB, b deploy.Bundle, request, answer string) httpmock.Responder {
	want := strings.NewReplacer("{{KEY}}", strings.TrimSpace(string(b.Key)), "{{LEAF}}", strings.TrimSpace(string(b.Leaf)), "{{CHAIN}}", strings.TrimSpace(string(b.Chain))).Replace(read(t, request))
	return func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, secret, r.Header.Get("KEY"))
		assert.Equal(t, "text/xml", r.Header.Get("Content-Type"))
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		assert.Equal(t, tree(t, want), tree(t, string(body)))
		return httpmock.NewStringResponse(200, read(t, answer)), nil
	}
}

func mocked(t testing.TB) (*plesk.Deployer, *httpmock.MockTransport) {
	mock := httpmock.NewMockTransport()
	d, err := plesk.New(plesk.Config{Name: "Plesk web5", URL: "https://web5.example.jp:8443", Key: secret, Site: "example.com", HTTP: &http.Client{Transport: mock}})
	require.NoError(t, err)
	return d, mock
}

// TestInstall: install then assign, each the golden packet.
func TestInstall(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t)
	b := bundle(t)
	mock.RegisterResponder("POST", agent, expect(t, b, "install_request.xml", "install_ok.xml").Then(expect(t, b, "assign_request.xml", "assign_ok.xml")))
	require.NoError(t, d.Deploy(t.Context(), b))
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

// TestRetryAfterInstall: a retry whose install finds the certificate already there goes on
// to assign it.
func TestRetryAfterInstall(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t)
	b := bundle(t)
	mock.RegisterResponder("POST", agent, expect(t, b, "install_request.xml", "install_exists.xml").Then(expect(t, b, "assign_request.xml", "assign_ok.xml")))
	require.NoError(t, d.Deploy(t.Context(), b))
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

// TestFailures: each failure is its typed error, with Plesk's code and text, says whether the
// previous certificate is still served, and never carries the secret.
func TestFailures(t *testing.T) {
	t.Parallel()
	ok := func(name string) httpmock.Responder { return httpmock.NewStringResponder(200, read(t, name)) }
	for _, tc := range []struct {
		name            string
		install, assign httpmock.Responder
		want            error
		rolledBack      bool
		detail          string
		calls           int
	}{
		{"refused", ok("install_refused.xml"), nil, deploy.ErrRefused, true, "1023 Operation failed.", 1},
		{"key refused", ok("auth_failed.xml"), nil, deploy.ErrUnauthorized, true, "1001 Authentication failed", 1},
		{"site unknown", ok("install_ok.xml"), ok("assign_unknown.xml"), deploy.ErrUnknownSite, true, "1013 Object not found.", 2},
		{"down", httpmock.NewErrorResponder(fmt.Errorf("dial tcp: refused %s", secret)), nil, deploy.ErrUnavailable, false, "", 1},
		{"proxy error", httpmock.NewStringResponder(502, "Bad Gateway"), nil, deploy.ErrUnavailable, false, "502", 1},
		{"not a packet", httpmock.NewStringResponder(200, "<html><body>Plesk</body></html>"), nil, deploy.ErrUnavailable, false, "<html>", 1},
		{"echoes the secret", httpmock.NewStringResponder(200, `<packet><system><status>error</status><errcode>11003</errcode><errtext>Secret key `+secret+` validation failed.</errtext></system></packet>`), nil, deploy.ErrUnauthorized, true, "[redacted]", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, mock := mocked(t)
			answers := tc.install
			if tc.assign != nil {
				answers = answers.Then(tc.assign)
			}
			mock.RegisterResponder("POST", agent, answers)
			err := d.Deploy(t.Context(), bundle(t))
			require.ErrorIs(t, err, tc.want)
			var de *deploy.Error
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.rolledBack, de.RolledBack)
			assert.Contains(t, de.Detail, tc.detail)
			assert.Equal(t, tc.calls, mock.GetTotalCallCount())
			for _, text := range []string{err.Error(), de.Message(message.Japanese), de.Message(message.English), fmt.Sprintf("%v %+v %#v", d, d, d)} {
				assert.NotContains(t, text, secret)
			}
		})
	}
}

// TestLogin sends a login and password instead of a key.
func TestLogin(t *testing.T) {
	t.Parallel()
	mock := httpmock.NewMockTransport()
	d, err := plesk.New(plesk.Config{Name: "Plesk", URL: "https://web5.example.jp:8443", Login: "admin", Password: secret, Site: "example.com", HTTP: &http.Client{Transport: mock}})
	require.NoError(t, err)
	mock.RegisterResponder("POST", agent, func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "admin", r.Header.Get("HTTP_AUTH_LOGIN"))
		assert.Equal(t, secret, r.Header.Get("HTTP_AUTH_PASSWD"))
		assert.Empty(t, r.Header.Get("KEY"))
		return httpmock.NewStringResponse(200, read(t, "install_ok.xml")), nil
	})
	require.Error(t, d.Deploy(t.Context(), bundle(t)), "install_ok.xml does not answer the assign")
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

// TestNotALeaf: a bundle without a certificate, or for other names, sends nothing.
func TestNotALeaf(t *testing.T) {
	t.Parallel()
	d, mock := mocked(t)
	b := bundle(t)
	b.Names = []string{"www.example.com"}
	require.ErrorIs(t, d.Deploy(t.Context(), b), deploy.ErrNotCovered)
	b = bundle(t)
	b.Leaf = []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
	require.ErrorIs(t, d.Deploy(t.Context(), b), deploy.ErrRefused)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, d.Deploy(ctx, bundle(t)), context.Canceled)
	assert.Zero(t, mock.GetTotalCallCount())
}

// TestNew refuses a configuration that could not work.
func TestNew(t *testing.T) {
	t.Parallel()
	ok := plesk.Config{Name: "Plesk", URL: "https://web5.example.jp:8443", Key: secret, Site: "example.com"}
	for name, edit := range map[string]func(*plesk.Config){
		"no name":          func(c *plesk.Config) { c.Name = "" },
		"no site":          func(c *plesk.Config) { c.Site = "" },
		"no credentials":   func(c *plesk.Config) { c.Key = "" },
		"both":             func(c *plesk.Config) { c.Login, c.Password = "admin", "pw" },
		"login only":       func(c *plesk.Config) { c.Key, c.Login = "", "admin" },
		"plain http":       func(c *plesk.Config) { c.URL = "http://web5.example.jp:8443" },
		"newline in key":   func(c *plesk.Config) { c.Key = "k\r\nX: y" },
		"path in the URL":  func(c *plesk.Config) { c.URL = "https://web5.example.jp:8443/enterprise/control/agent.php" },
		"query in the URL": func(c *plesk.Config) { c.URL = "https://web5.example.jp:8443?key=" + secret },
	} {
		t.Run(name, func(t *testing.T) {
			c := ok
			edit(&c)
			_, err := plesk.New(c)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), secret)
		})
	}
}
