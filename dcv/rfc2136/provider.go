package rfc2136

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// Provider sends signed dynamic updates to one server. It is safe for concurrent use.
type Provider struct {
	server  string // host:port of the zone's primary
	keyName string // the TSIG key's name, fully qualified
	alg     string // the TSIG algorithm, fully qualified
	secret  string // base64; never printed
	timeout time.Duration
}

var (
	_ libdns.RecordAppender = (*Provider)(nil)
	_ libdns.RecordDeleter  = (*Provider)(nil)
	_ libdns.RecordGetter   = (*Provider)(nil)
)

// Option configures a Provider.
type Option func(*Provider) error

// WithAlgorithm sets the TSIG algorithm: hmac-sha256 (the default), hmac-sha384 or
// hmac-sha512.
func WithAlgorithm(name string) Option {
	return func(p *Provider) error {
		alg := dns.Fqdn(strings.ToLower(name))
		switch alg {
		case dns.HmacSHA256, dns.HmacSHA384, dns.HmacSHA512:
			p.alg = alg
			return nil
		}
		return fmt.Errorf("rfc2136: WithAlgorithm: %q is not hmac-sha256, hmac-sha384 or hmac-sha512", name)
	}
}

// WithTimeout bounds one exchange with the server (default 10 s).
func WithTimeout(d time.Duration) Option {
	return func(p *Provider) error {
		if d <= 0 {
			return errors.New("rfc2136: WithTimeout: want a positive duration")
		}
		p.timeout = d
		return nil
	}
}

// New returns a provider that updates the zones served by server (host:port) with the TSIG key
// keyName whose secret is given in base64, as BIND's and Knot's key files write it.
func New(server, keyName, secret string, opts ...Option) (*Provider, error) {
	if server == "" || keyName == "" {
		return nil, errors.New("rfc2136: New: the server and the key name are required")
	}
	if b, err := base64.StdEncoding.DecodeString(secret); err != nil || len(b) == 0 {
		return nil, errors.New("rfc2136: New: the secret is not base64")
	}
	p := &Provider{server: server, keyName: dns.Fqdn(strings.ToLower(keyName)), alg: dns.HmacSHA256, secret: secret, timeout: 10 * time.Second}
	for _, o := range opts {
		if err := o(p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// String names the server and the key, never the secret.
func (p *Provider) String() string {
	return fmt.Sprintf("rfc2136.Provider{server: %s, key: %s, algorithm: %s}", p.server, p.keyName, p.alg)
}

// GoString is String, so that %#v hides the secret too.
func (p *Provider) GoString() string { return p.String() }

func (p *Provider) client(network string) *dns.Client {
	return &dns.Client{Net: network, Timeout: p.timeout, TsigSecret: map[string]string{p.keyName: p.secret}}
}

// update sends an UPDATE for zone built by fill, signed, over TCP (an update may exceed a
// datagram), and checks the answer.
func (p *Provider) update(ctx context.Context, zone string, fill func(m *dns.Msg)) error {
	m := new(dns.Msg)
	m.SetUpdate(dns.Fqdn(zone))
	fill(m)
	m.SetTsig(p.keyName, p.alg, 300, time.Now().Unix())
	in, _, err := p.client("tcp").ExchangeContext(ctx, m, p.server)
	if err != nil {
		return fmt.Errorf("rfc2136: update %s at %s: %w", zone, p.server, err)
	}
	if in.Rcode != dns.RcodeSuccess {
		return fmt.Errorf("rfc2136: update %s at %s: the server answered %s", zone, p.server, dns.RcodeToString[in.Rcode])
	}
	return nil
}

// AppendRecords adds recs to zone.
func (p *Provider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	rrs, err := toRRs(zone, recs)
	if err != nil {
		return nil, err
	}
	if err := p.update(ctx, zone, func(m *dns.Msg) { m.Insert(rrs) }); err != nil {
		return nil, err
	}
	return parsed(recs)
}

// DeleteRecords deletes from zone the records that match recs (name always; type, TTL and
// value when given) and returns those it deleted, as libdns asks.
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	have, err := p.GetRecords(ctx, zone)
	if err != nil {
		return nil, err
	}
	var gone []libdns.Record
	for _, h := range have {
		for _, r := range recs {
			if matches(h.RR(), r.RR()) {
				gone = append(gone, h)
				break
			}
		}
	}
	if len(gone) == 0 {
		return nil, nil
	}
	rrs, err := toRRs(zone, gone)
	if err != nil {
		return nil, err
	}
	if err := p.update(ctx, zone, func(m *dns.Msg) { m.Remove(rrs) }); err != nil {
		return nil, err
	}
	return gone, nil
}

// matches is libdns's deletion rule: the name must match; an empty type, zero TTL or empty
// value matches any.
func matches(have, want libdns.RR) bool {
	return strings.EqualFold(have.Name, want.Name) &&
		(want.Type == "" || strings.EqualFold(have.Type, want.Type)) &&
		(want.TTL == 0 || have.TTL == want.TTL) &&
		(want.Data == "" || have.Data == want.Data)
}

// GetRecords lists zone by a signed zone transfer, without its SOA and DNSSEC records.
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	zone = dns.Fqdn(zone)
	m := new(dns.Msg)
	m.SetAxfr(zone)
	m.SetTsig(p.keyName, p.alg, 300, time.Now().Unix())
	tr := &dns.Transfer{DialTimeout: p.timeout, ReadTimeout: p.timeout, WriteTimeout: p.timeout, TsigSecret: map[string]string{p.keyName: p.secret}}
	ch, err := tr.In(m, p.server)
	if err != nil {
		return nil, fmt.Errorf("rfc2136: transfer %s from %s: %w", zone, p.server, err)
	}
	var out []libdns.Record
	for env := range ch {
		if env.Error != nil {
			return nil, fmt.Errorf("rfc2136: transfer %s from %s: %w", zone, p.server, env.Error)
		}
		for _, rr := range env.RR {
			switch rr.Header().Rrtype {
			case dns.TypeSOA, dns.TypeRRSIG, dns.TypeNSEC, dns.TypeNSEC3, dns.TypeDNSKEY, dns.TypeNSEC3PARAM:
				continue
			}
			rec, err := fromRR(zone, rr).Parse()
			if err != nil {
				return nil, err
			}
			out = append(out, rec)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
