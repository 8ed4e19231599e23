package dcv

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// Provider is what DNS needs of a libdns provider: adding and deleting records. A provider
// that is also a libdns.RecordGetter is asked first whether the record is there already, so
// that publishing again after a crash adds no second copy.
type Provider interface {
	libdns.RecordAppender
	libdns.RecordDeleter
}

// DNSConfig configures NewDNS. Zero values take the defaults named.
type DNSConfig struct {
	// Resolver is the DNS server (host or host:port) asked for zones, name servers and their
	// addresses. Required.
	Resolver string
	// NameserverPort is the port the zones' authoritative servers answer on (default 53).
	NameserverPort int
	// Zones, when set, are the only zones the provider serves: a name in no such zone is
	// ErrNotServed. Empty: every zone is tried with the provider.
	Zones []string
	// TTL of the records added (default 60 s).
	TTL time.Duration
	// Wait is the longest wait for every authoritative server to show the record (default 2
	// minutes); Poll the time between two looks (default 2 s).
	Wait, Poll time.Duration
	// QueryTimeout bounds one DNS query (default 5 s).
	QueryTimeout time.Duration
	// ZoneCache is how long a name's zone is remembered (default 1 hour).
	ZoneCache time.Duration
}

// DNS publishes TXT records through a libdns provider.
type DNS struct {
	p     Provider
	cfg   DNSConfig
	r     *resolver
	zones []string
}

var _ Publisher = (*DNS)(nil)

// NewDNS returns a publisher of TXT records through p.
func NewDNS(p Provider, cfg DNSConfig) (*DNS, error) {
	if p == nil {
		return nil, errors.New("dcv: NewDNS: nil provider")
	}
	if cfg.Resolver == "" {
		return nil, errors.New("dcv: NewDNS: no resolver to find zones with")
	}
	if cfg.TTL < 0 || cfg.Wait < 0 || cfg.Poll < 0 || cfg.QueryTimeout < 0 || cfg.ZoneCache < 0 || cfg.NameserverPort < 0 || cfg.NameserverPort > 65535 {
		return nil, errors.New("dcv: NewDNS: negative duration or port out of range")
	}
	cfg.TTL = or(cfg.TTL, time.Minute)
	cfg.Wait = or(cfg.Wait, 2*time.Minute)
	cfg.Poll = or(cfg.Poll, 2*time.Second)
	cfg.QueryTimeout = or(cfg.QueryTimeout, 5*time.Second)
	cfg.ZoneCache = or(cfg.ZoneCache, time.Hour)
	cfg.NameserverPort = or(cfg.NameserverPort, 53)
	d := &DNS{p: p, cfg: cfg, r: &resolver{server: hostPort(cfg.Resolver), port: strconv.Itoa(cfg.NameserverPort), timeout: cfg.QueryTimeout, ttl: cfg.ZoneCache}}
	for _, z := range cfg.Zones {
		d.zones = append(d.zones, dns.Fqdn(strings.ToLower(z)))
	}
	return d, nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Publish adds the challenge's TXT record to its zone and waits until every authoritative
// server of the zone answers with it. A record that does not appear in time is removed again.
func (d *DNS) Publish(ctx context.Context, c Challenge) (Publication, error) {
	if c.Method != MethodDNS {
		return Publication{}, ErrNotServed
	}
	if err := c.Check(); err != nil {
		return Publication{}, &Error{Code: CodeInvalidChallenge, Domain: c.Domain, Err: err}
	}
	zone, err := d.r.zoneOf(ctx, c.TXTName, time.Now())
	if err != nil {
		return Publication{}, &Error{Code: CodeZoneNotFound, Domain: c.Domain, Err: err}
	}
	if len(d.zones) > 0 && !slices.Contains(d.zones, zone) {
		return Publication{}, ErrNotServed
	}
	pub := Publication{Domain: c.Domain, Method: MethodDNS, Zone: zone, Name: libdns.RelativeName(dns.Fqdn(c.TXTName), zone), Value: c.Value}
	if !d.present(ctx, pub) {
		if _, err := d.p.AppendRecords(ctx, zone, []libdns.Record{libdns.TXT{Name: pub.Name, TTL: d.cfg.TTL, Text: pub.Value}}); err != nil {
			return Publication{}, &Error{Code: CodeProvider, Domain: c.Domain, Err: err}
		}
	}
	if err := d.propagated(ctx, pub, dns.Fqdn(c.TXTName)); err != nil {
		return Publication{}, errors.Join(err, d.Remove(context.WithoutCancel(ctx), pub))
	}
	return pub, nil
}

// present asks a provider that can list records whether pub's record is there already.
func (d *DNS) present(ctx context.Context, pub Publication) bool {
	g, ok := d.p.(libdns.RecordGetter)
	if !ok {
		return false
	}
	recs, err := g.GetRecords(ctx, pub.Zone)
	if err != nil {
		return false
	}
	for _, rec := range recs {
		rr := rec.RR()
		if rr.Type == "TXT" && strings.EqualFold(rr.Name, pub.Name) && rr.Data == pub.Value {
			return true
		}
	}
	return false
}

// propagated waits until every authoritative server of pub's zone answers fqdn's TXT records
// with pub's value.
func (d *DNS) propagated(ctx context.Context, pub Publication, fqdn string) error {
	servers, err := d.r.authoritative(ctx, pub.Zone)
	if err != nil {
		return &Error{Code: CodeZoneNotFound, Domain: pub.Domain, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Wait)
	defer cancel()
	pending := slices.Sorted(func(yield func(string) bool) {
		for name := range servers {
			if !yield(name) {
				return
			}
		}
	})
	lastErr := map[string]error{}
	for {
		pending = slices.DeleteFunc(pending, func(name string) bool {
			ok, err := d.r.holdsTXT(ctx, servers[name], fqdn, pub.Value)
			lastErr[name] = err
			return ok
		})
		if len(pending) == 0 {
			return nil
		}
		t := time.NewTimer(d.cfg.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			lag := pending[0]
			if err := lastErr[lag]; err != nil {
				return &Error{Code: CodeNameserver, Domain: pub.Domain, Server: lag, Err: err}
			}
			return &Error{Code: CodePropagation, Domain: pub.Domain, Server: lag, Err: fmt.Errorf("%s does not show the record after %s", lag, d.cfg.Wait)}
		case <-t.C:
		}
	}
}

// Remove deletes the publication's TXT record (of any TTL) from its zone; for an Intent, the
// zone is looked up first.
func (d *DNS) Remove(ctx context.Context, p Publication) error {
	switch {
	case p.Method != MethodDNS:
		return ErrNotServed
	case p.Name == "":
		return &Error{Code: CodeInvalidChallenge, Domain: p.Domain, Err: errors.New("a DNS publication without a name")}
	}
	if p.Zone == "" {
		zone, err := d.r.zoneOf(ctx, p.Name, time.Now())
		if err != nil {
			return &Error{Code: CodeZoneNotFound, Domain: p.Domain, Err: err}
		}
		p.Zone, p.Name = zone, libdns.RelativeName(dns.Fqdn(p.Name), zone)
	}
	if len(d.zones) > 0 && !slices.Contains(d.zones, p.Zone) {
		return ErrNotServed
	}
	if _, err := d.p.DeleteRecords(ctx, p.Zone, []libdns.Record{libdns.TXT{Name: p.Name, Text: p.Value}}); err != nil {
		return &Error{Code: CodeProvider, Domain: p.Domain, Err: err}
	}
	return nil
}
