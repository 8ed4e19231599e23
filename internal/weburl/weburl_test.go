package weburl_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jstore-sdk/sdk/internal/weburl"
)

func TestSecure(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]bool{
		"https://panel.example.jp/x": true, "http://127.0.0.1:8080/x": true, "http://localhost/x": true, "http://[::1]:9/x": true,
		"http://panel.example.jp/x": false, "http://10.0.0.1/x": false, "ftp://127.0.0.1/x": false, "http://127.0.0.1.example.jp/": false,
	} {
		u, err := url.Parse(raw)
		if assert.NoError(t, err) {
			assert.Equal(t, want, weburl.Secure(u), raw)
		}
	}
}
