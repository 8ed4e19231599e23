// Package weburl holds the one rule the SDK applies to an address it sends credentials or
// signed data to: https, or plain http only to this machine.
package weburl

import (
	"net"
	"net/url"
)

// Secure reports whether u is https, or http on a loopback host (a tunnel or a test server on
// the same machine).
func Secure(u *url.URL) bool {
	host := u.Hostname()
	return u.Scheme == "https" || u.Scheme == "http" && (host == "localhost" || net.ParseIP(host).IsLoopback())
}
