package ca_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// TestAllRefusesBadLinks: a next link to another host is never followed (the credentials would
// go with it), and a link that repeats a page ends the listing instead of looping.
func TestAllRefusesBadLinks(t *testing.T) {
	t.Parallel()
	page := func(next string) string {
		return `{"certificates":[{"certificateId":"a","commonName":"a.example.jp","period":1,"type":"DV_SSL","status":"ISSUED","createdAt":"2026-11-20T01:02:03Z"}],"pagination":{"next":"` + next + `"}}`
	}
	tests := []struct {
		name, next string
		requests   int
	}{
		{"another host", "https://evil.example/v2/customers/c/certificates?offset=1", 1},
		{"another scheme", "http://api.test/v2/customers/c/certificates?offset=1", 1},
		{"a repeated page", "/v2/customers/c/certificates?offset=1", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := mockClient(t, func(*http.Request) (*http.Response, error) {
				return httpmock.NewStringResponse(200, page(tc.next)), nil
			})
			var got int
			var last error
			for _, err := range c.Customers.All(t.Context(), "c", ca.ListOptions{}) {
				if err != nil {
					last = err
					break
				}
				got++
			}
			assert.ErrorIs(t, last, ca.ErrBadResponse)
			assert.Equal(t, tc.requests, got, "items before the bad link")
			require.Len(t, *seen, tc.requests)
			for _, r := range *seen {
				assert.Equal(t, "api.test", r.URL.Host, "nothing is sent elsewhere")
			}
		})
	}
}

// TestAllStopsAtThePageCap: a CA that hands out a new next link on every page cannot keep the
// caller reading; the listing ends with a clear error after MaxPages pages (1000 by default).
func TestAllStopsAtThePageCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ maxPages, want int }{{5, 5}, {0, ca.DefaultMaxPages}} {
		t.Run(strconv.Itoa(tc.maxPages), func(t *testing.T) {
			c, seen := mockClient(t, func(r *http.Request) (*http.Response, error) {
				n, _ := strconv.Atoi(r.URL.Query().Get("offset"))
				return httpmock.NewStringResponse(200, `{"certificates":[{"certificateId":"a","commonName":"a.example.jp","period":1,"type":"DV_SSL","status":"ISSUED","createdAt":"2026-11-20T01:02:03Z"}],"pagination":{"next":"/v2/customers/c/certificates?offset=`+strconv.Itoa(n+1)+`"}}`), nil
			})
			var got int
			var last error
			for _, err := range c.Customers.All(t.Context(), "c", ca.ListOptions{MaxPages: tc.maxPages}) {
				if err != nil {
					last = err
					break
				}
				got++
			}
			require.ErrorIs(t, last, ca.ErrBadResponse)
			assert.Contains(t, last.Error(), "more than "+strconv.Itoa(tc.want)+" pages")
			assert.Equal(t, tc.want, got)
			assert.Len(t, *seen, tc.want)
		})
	}
	c, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(200, "{}"), nil })
	for _, err := range c.Customers.All(t.Context(), "c", ca.ListOptions{MaxPages: -1}) {
		assert.ErrorIs(t, err, ca.ErrInvalid)
	}
}

// TestTransportErrorsDropTheQuery: a transport error names the route but not the query, which
// can hold caller data such as a callback URL.
func TestTransportErrorsDropTheQuery(t *testing.T) {
	t.Parallel()
	c, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return nil, httpmock.ErrSubmatchNotFound },
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
	err := c.Callbacks.Replace(t.Context(), "x", "https://panel.example.jp/cb?token=s3cr3t")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/v1/certificates/x/callback")
	assert.False(t, strings.Contains(err.Error(), "s3cr3t"), err.Error())
}
