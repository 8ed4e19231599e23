package ca_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// truncatedBody yields some bytes, then fails as a cut connection does.
type truncatedBody struct{ r io.Reader }

func (b *truncatedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}
func (b *truncatedBody) Close() error { return nil }

// TestBadResponses: answers that are not JSON, are cut off, are too large or have the wrong
// shape give a clear *ca.Error and never a panic.
func TestBadResponses(t *testing.T) {
	t.Parallel()
	big := `{"certificateId":"` + strings.Repeat("a", 8<<20) + `"}`
	tests := []struct {
		name   string
		status int
		body   string
		cut    bool
		want   error
		text   string
	}{
		{"HTML instead of JSON", 200, "<html>maintenance</html>", false, ca.ErrBadResponse, "decoding the body"},
		{"truncated JSON", 200, `{"certificateId":"x","status":"ISS`, false, ca.ErrBadResponse, "decoding the body"},
		{"connection cut mid-body", 200, `{"certificateId":"x"`, true, ca.ErrBadResponse, "reading the body"},
		{"over 8 MiB", 200, big, false, ca.ErrBadResponse, "exceeds"},
		{"wrong shape", 200, `{"certificateId":5,"status":["ISSUED"]}`, false, ca.ErrBadResponse, "decoding the body"},
		{"an array for an object", 200, `[1,2]`, false, ca.ErrBadResponse, "decoding the body"},
		{"bad time", 200, `{"certificateId":"x","createdAt":"yesterday"}`, false, ca.ErrBadResponse, "decoding the body"},
		{"error body over 1 MiB", 404, `{"code":"` + strings.Repeat("x", 1<<20) + `"}`, false, ca.ErrNotFound, "exceeds"},
		{"error body not JSON", 404, "Not Found", false, ca.ErrNotFound, "not the documented JSON"},
		{"error body of the wrong shape", 409, `{"code":7}`, false, ca.ErrConflict, "not the documented JSON"},
		{"error body cut", 409, `{"code":"CONF`, true, ca.ErrConflict, "reading the error body"},
		{"unexpected 3xx status", 304, "", false, ca.ErrBadResponse, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := mockClient(t, func(*http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(tc.status, tc.body)
				if tc.cut {
					r.Body = &truncatedBody{r: strings.NewReader(tc.body)}
				}
				return r, nil
			}, ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
			got, err := c.Certificates.Get(t.Context(), "x")
			assert.Nil(t, got)
			require.ErrorIs(t, err, tc.want)
			var e *ca.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.Status)
			assert.Contains(t, err.Error(), tc.text)
			assert.Less(t, len(err.Error()), 2000, "the error does not quote the body")
		})
	}
}

// TestEmptyIDsAreRefused: an empty or dot path parameter would address another route, so
// nothing is sent; nor is a request the API would refuse.
func TestEmptyIDsAreRefused(t *testing.T) {
	t.Parallel()
	c, seen := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(200, "{}"), nil })
	ctx := t.Context()
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Certificates.Get(ctx, id)
		assert.ErrorIs(t, err, ca.ErrInvalid, id)
	}
	assert.ErrorIs(t, c.Emails.ResendTo(ctx, "x", 1, ""), ca.ErrInvalid)
	_, err := c.Emails.AddAlternateAddress(ctx, "x", "..")
	assert.ErrorIs(t, err, ca.ErrInvalid)
	_, err = c.Certificates.Reissue(ctx, "x", ca.ReissueRequest{DelayExistingRevoke: new(169)})
	assert.ErrorIs(t, err, ca.ErrInvalid, "delayExistingRevoke above 168 hours")
	assert.ErrorIs(t, c.Certificates.Revoke(ctx, "x", ""), ca.ErrInvalid)
	assert.ErrorIs(t, c.Callbacks.Replace(ctx, "x", "not a url"), ca.ErrInvalid)
	_, err = c.Customers.Get(ctx, "", "x")
	assert.ErrorIs(t, err, ca.ErrInvalid)
	_, err = c.Customers.DomainVerification(ctx, "c", "x", "")
	assert.ErrorIs(t, err, ca.ErrInvalid)
	_, err = c.Customers.List(ctx, "c", ca.ListOptions{Offset: -1})
	assert.ErrorIs(t, err, ca.ErrInvalid)
	assert.Empty(t, *seen)
}
