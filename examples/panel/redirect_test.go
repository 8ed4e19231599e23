package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLanguageSwitchStaysOnSite: whatever back= says, the language switch sends the browser to
// a path on this site: no scheme, no host, no backslash (which browsers read as a slash), no
// control character (which they drop), never //. A plain path and its query come through.
func TestLanguageSwitchStaysOnSite(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	tricks := []string{
		"//evil.example", "/\\evil.example", "/./\\evil.example/", "/%5Cevil.example", "/.%5Cevil.example", "%2F%2Fevil.example",
		"/%2F/evil.example", "/\t/evil.example", "/%09/evil.example", "/%0a/evil.example", "\\\\evil.example", "https://evil.example/",
		"http:evil.example", "javascript:alert(1)", "/../evil.example", "/..//evil.example", "///evil.example", "/ /evil.example",
		"/%20/evil.example", "/@evil.example", "/.//evil.example", "/a/../../evil.example", "//evil.example/%2e%2e", "evil.example",
		"/%E3%80%80/evil.example", "/\u3000/evil.example", "/\u2028/evil.example", "/?next=//evil.example", "/#//evil.example",
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, back := range tricks {
		resp, err := client.Get(p.srv.URL + "/lang?to=en&back=" + url.QueryEscape(back))
		require.NoError(t, err, back)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode, back)
		loc := resp.Header.Get("Location")
		assert.True(t, strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//"), "%q → %q", back, loc)
		assert.False(t, strings.ContainsAny(loc, "\\\t\r\n"), "%q → %q", back, loc)
		u, err := url.Parse(loc)
		require.NoError(t, err)
		assert.Empty(t, u.Host, "%q → %q", back, loc)
		base, _ := url.Parse(p.srv.URL + "/lang")
		assert.Equal(t, base.Host, base.ResolveReference(u).Host, "%q → %q", back, loc)
	}
	resp, err := client.Get(p.srv.URL + "/lang?to=en&back=" + url.QueryEscape("/certificates?page=2"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "/certificates?page=2", resp.Header.Get("Location"), "a path on this site comes through")
}
