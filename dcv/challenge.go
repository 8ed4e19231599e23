package dcv

import (
	"context"
	"errors"
	"strings"
)

// Method is how a challenge is proven.
type Method string

// Methods.
const (
	MethodDNS  Method = "dns"  // a TXT record at the domain holding the value
	MethodFile Method = "file" // a file at http://domain/<Path> holding the value
)

// Challenge is what the CA looks for at one domain.
type Challenge struct {
	Domain string // the name validated, without a wildcard's "*."
	Method Method
	// TXTName is the TXT record's fully qualified name (MethodDNS).
	TXTName string
	// Path is the file's URL path, such as /.well-known/pki-validation/starfield.html
	// (MethodFile).
	Path  string
	Value string // the record's text or the file's content
}

// Publication says what a Publisher made visible, in plain values a store can keep, so that
// any process can remove it later — also after the one that published it died.
type Publication struct {
	Domain string
	Method Method
	Zone   string // MethodDNS: the zone the record was added to; MethodFile: the document root
	Name   string // MethodDNS: the record's name in the zone; MethodFile: the file's path in the root
	Value  string
}

// Intent is the publication c may leave behind, known before Publish is called: a caller
// keeps it first, so that a crash during Publish leaves something Remove can take away (Remove
// finds the zone or root of an intent itself).
func (c Challenge) Intent() Publication {
	name := c.TXTName
	if c.Method == MethodFile {
		name = strings.TrimPrefix(c.Path, "/")
	}
	return Publication{Domain: c.Domain, Method: c.Method, Name: name, Value: c.Value}
}

// Publisher makes challenges visible where the CA looks and removes them. Implementations are
// safe for concurrent use.
type Publisher interface {
	// Publish makes c visible and returns once it can be seen as the CA will look for it. A
	// domain the publisher does not serve is ErrNotServed. On any other error nothing of c
	// is left behind.
	Publish(ctx context.Context, c Challenge) (Publication, error)
	// Remove takes a publication away. Removing what is already gone is not an error.
	Remove(ctx context.Context, p Publication) error
}

// ErrNotServed: the publisher does not serve the domain (its zone is elsewhere, or it has no
// web root for it); a person publishes it by the CA's instructions.
var ErrNotServed = errors.New("dcv: the domain is not served by this publisher")

// Check reports a challenge a publisher must not be handed: a name that is not a plain domain,
// a TXT record elsewhere than at the domain, a path outside /.well-known/pki-validation/.
func (c Challenge) Check() error {
	switch {
	case !plainName(c.Domain):
		return errors.New("dcv: not a domain name: " + c.Domain)
	case c.Value == "" || strings.ContainsAny(c.Value, "\r\n\x00"):
		return errors.New("dcv: the challenge has no value, or one on several lines")
	case c.Method == MethodDNS && !strings.EqualFold(strings.TrimSuffix(c.TXTName, "."), c.Domain) &&
		!strings.HasSuffix(strings.ToLower(strings.TrimSuffix(c.TXTName, ".")), "."+strings.ToLower(c.Domain)):
		return errors.New("dcv: the TXT record " + c.TXTName + " is not at " + c.Domain)
	case c.Method == MethodFile && !validPath(c.Path):
		return errors.New("dcv: the file path is not under /.well-known/pki-validation/: " + c.Path)
	case c.Method != MethodDNS && c.Method != MethodFile:
		return errors.New("dcv: unknown method " + string(c.Method))
	}
	return nil
}

// plainName reports an A-label domain name: letters, digits, hyphens and dots, no empty label.
func plainName(name string) bool {
	if name == "" || len(name) > 253 {
		return false
	}
	for label := range strings.SplitSeq(name, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// validPath reports a file name directly under /.well-known/pki-validation/ made of letters,
// digits, dots, hyphens and underscores, not starting with a dot.
func validPath(p string) bool {
	name, ok := strings.CutPrefix(p, "/.well-known/pki-validation/")
	if !ok || name == "" || name[0] == '.' || len(name) > 128 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
