package dcv

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// resolver asks a recursive (or, in tests, an authoritative) DNS server for a zone's SOA, its
// name servers and their addresses, and asks those servers for a TXT record. Zones are cached:
// a panel publishes for the same zones over and over.
type resolver struct {
	server  string        // host:port of the DNS server asked for SOA, NS, A and AAAA
	port    string        // the port authoritative servers listen on (53)
	timeout time.Duration // one query
	ttl     time.Duration // how long a found zone is kept

	mu    sync.Mutex
	zones map[string]cachedZone // name → its zone
}

type cachedZone struct {
	zone string
	at   time.Time
}

// exchange sends one question to server, over UDP and again over TCP when the answer was cut.
func (r *resolver) exchange(ctx context.Context, server, name string, qtype uint16) (*dns.Msg, error) {
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.RecursionDesired = server == r.server
	c := &dns.Client{Timeout: r.timeout}
	in, _, err := c.ExchangeContext(ctx, m, server)
	if err == nil && in.Truncated {
		c.Net = "tcp"
		in, _, err = c.ExchangeContext(ctx, m, server)
	}
	if err != nil {
		return nil, err
	}
	if in.Rcode != dns.RcodeSuccess && in.Rcode != dns.RcodeNameError {
		return nil, fmt.Errorf("the server answered %s", dns.RcodeToString[in.Rcode])
	}
	return in, nil
}

// zoneOf returns the zone that holds name (with a trailing dot): the owner of the SOA record an
// answer or its authority section names, walking up from name.
func (r *resolver) zoneOf(ctx context.Context, name string, now time.Time) (string, error) {
	name = dns.Fqdn(strings.ToLower(name))
	r.mu.Lock()
	c, ok := r.zones[name]
	r.mu.Unlock()
	if ok && now.Sub(c.at) < r.ttl {
		return c.zone, nil
	}
	for n := name; n != "."; {
		in, err := r.exchange(ctx, r.server, n, dns.TypeSOA)
		if err != nil {
			return "", err
		}
		for _, rr := range append(in.Answer, in.Ns...) {
			if soa, ok := rr.(*dns.SOA); ok && dns.IsSubDomain(soa.Hdr.Name, name) {
				zone := strings.ToLower(soa.Hdr.Name)
				r.mu.Lock()
				if r.zones == nil {
					r.zones = map[string]cachedZone{}
				}
				r.zones[name] = cachedZone{zone: zone, at: now}
				r.mu.Unlock()
				return zone, nil
			}
		}
		i, end := dns.NextLabel(n, 0)
		if end {
			break
		}
		n = n[i:]
	}
	return "", errors.New("no SOA record above " + name)
}

// authoritative returns the addresses (host:port) of the zone's name servers, each named by
// its NS host.
func (r *resolver) authoritative(ctx context.Context, zone string) (map[string]string, error) {
	in, err := r.exchange(ctx, r.server, zone, dns.TypeNS)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, rr := range in.Answer {
		ns, ok := rr.(*dns.NS)
		if !ok {
			continue
		}
		addr, err := r.address(ctx, ns.Ns)
		if err != nil {
			return nil, fmt.Errorf("the address of %s: %w", ns.Ns, err)
		}
		out[strings.TrimSuffix(ns.Ns, ".")] = net.JoinHostPort(addr, r.port)
	}
	if len(out) == 0 {
		return nil, errors.New("no NS records for " + zone)
	}
	return out, nil
}

// address returns host's first IPv4 address, or its first IPv6 one.
func (r *resolver) address(ctx context.Context, host string) (string, error) {
	for _, t := range []uint16{dns.TypeA, dns.TypeAAAA} {
		in, err := r.exchange(ctx, r.server, host, t)
		if err != nil {
			return "", err
		}
		for _, rr := range in.Answer {
			switch a := rr.(type) {
			case *dns.A:
				return a.A.String(), nil
			case *dns.AAAA:
				return a.AAAA.String(), nil
			}
		}
	}
	return "", errors.New("no A or AAAA record")
}

// holdsTXT reports whether server answers name's TXT records with value among them.
func (r *resolver) holdsTXT(ctx context.Context, server, name, value string) (bool, error) {
	in, err := r.exchange(ctx, server, name, dns.TypeTXT)
	if err != nil {
		return false, err
	}
	for _, rr := range in.Answer {
		if t, ok := rr.(*dns.TXT); ok && strings.Join(t.Txt, "") == value {
			return true, nil
		}
	}
	return false, nil
}

// hostPort adds port 53 to a server given without one.
func hostPort(server string) string {
	if _, _, err := net.SplitHostPort(server); err == nil {
		return server
	}
	return net.JoinHostPort(server, strconv.Itoa(53))
}
