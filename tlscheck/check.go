package tlscheck

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"sync"
	"time"
)

// Want is the certificate that should be served.
type Want struct {
	Leaf  *x509.Certificate
	Roots *x509.CertPool // the chain must verify to one of them; nil: the system's roots
	// Soon is how long before its end a served certificate counts as expiring (default 14 days).
	Soon time.Duration
}

// Target is one name at one address: the TLS port the name's site is served on.
type Target struct {
	Name string // the SNI name, and the name the certificate must cover
	Addr string // host:port to connect to
}

// Result is what a check found. OK reports that nothing is wrong.
type Result struct {
	Target
	CheckedAt time.Time
	Served    *x509.Certificate // the leaf served; nil when no handshake completed
	Problems  []Problem
}

// OK reports whether the site serves the wanted certificate, valid and not expiring soon.
func (r Result) OK() bool { return len(r.Problems) == 0 }

// Codes are the problems' codes, in order.
func (r Result) Codes() []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Code)
	}
	return out
}

// Checker checks sites. The zero value is ready: 10 s a check, 16 at once.
type Checker struct {
	Timeout     time.Duration // per check: connect and handshake (default 10 s)
	Concurrency int           // checks at once in CheckAll (default 16)
	Now         func() time.Time
	// Dial connects; default a net.Dialer. Tests point names at loopback through Target.Addr.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Check connects to t.Addr with SNI t.Name and compares what is served with want.
func (c *Checker) Check(ctx context.Context, t Target, want Want) Result {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	r := Result{Target: t, CheckedAt: now()}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dial := c.Dial
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	raw, err := dial(ctx, "tcp", t.Addr)
	if err != nil {
		r.Problems = append(r.Problems, Problem{Code: CodeUnreachable, Detail: err.Error()})
		return r
	}
	defer raw.Close()
	// The chain is verified below against want's roots, with the reasons kept; the handshake
	// itself accepts whatever is served so that what was served can be reported.
	conn := tls.Client(raw, &tls.Config{ServerName: t.Name, InsecureSkipVerify: true, MinVersion: tls.VersionTLS12})
	if err := conn.HandshakeContext(ctx); err != nil {
		code := CodeHandshake
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || ctx.Err() != nil {
			code = CodeUnreachable
		}
		r.Problems = append(r.Problems, Problem{Code: code, Detail: err.Error()})
		return r
	}
	certs := conn.ConnectionState().PeerCertificates
	r.Served = certs[0]
	r.Problems = compare(certs, t.Name, want, r.CheckedAt)
	return r
}

// compare judges a served chain against want at now.
func compare(certs []*x509.Certificate, name string, want Want, now time.Time) []Problem {
	var ps []Problem
	leaf := certs[0]
	if want.Leaf != nil && (leaf.SerialNumber.Cmp(want.Leaf.SerialNumber) != 0 || !bytes.Equal(leaf.RawSubjectPublicKeyInfo, want.Leaf.RawSubjectPublicKeyInfo)) {
		ps = append(ps, Problem{Code: CodeOtherCertificate, Detail: leaf.SerialNumber.Text(16)})
	}
	if err := leaf.VerifyHostname(name); err != nil {
		ps = append(ps, Problem{Code: CodeNameNotCovered, Detail: name})
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: want.Roots, Intermediates: inter, CurrentTime: now}); err != nil {
		ps = append(ps, Problem{Code: CodeChain, Detail: err.Error()})
	}
	soon := want.Soon
	if soon == 0 {
		soon = 14 * 24 * time.Hour
	}
	if now.Add(soon).After(leaf.NotAfter) {
		ps = append(ps, Problem{Code: CodeExpiring, At: leaf.NotAfter})
	}
	return ps
}

// CheckAll checks every target against want, at most Concurrency at once, and returns the
// results in the targets' order. It stops starting checks when ctx ends.
func (c *Checker) CheckAll(ctx context.Context, targets []Target, want Want) []Result {
	n := c.Concurrency
	if n <= 0 {
		n = 16
	}
	out := make([]Result, len(targets))
	slots := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, t := range targets {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			out[i] = Result{Target: t, Problems: []Problem{{Code: CodeUnreachable, Detail: ctx.Err().Error()}}}
			continue
		}
		wg.Go(func() {
			defer func() { <-slots }()
			out[i] = c.Check(ctx, t, want)
		})
	}
	wg.Wait()
	return out
}
