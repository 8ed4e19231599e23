package catest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/libdns/libdns"
)

// SetZone makes the server authoritative for the zone apex: it answers the zone's SOA and NS
// (ns1.<apex>, at 127.0.0.1 on this server's port) and puts the SOA in the authority section
// of an answer about a name in the zone that has no such record, as a real name server does.
func (d *DNSServer) SetZone(apex string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.zones[canonical(apex)] = true
}

// AppendRecords adds TXT records to zone, as a libdns provider does; other types are not kept.
func (d *DNSServer) AppendRecords(_ context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		if !strings.EqualFold(rr.Type, "TXT") {
			continue
		}
		name := canonical(libdns.AbsoluteName(rr.Name, canonical(zone)))
		d.txt[name] = append(d.txt[name], rr.Data)
		out = append(out, libdns.TXT{Name: rr.Name, TTL: rr.TTL, Text: rr.Data})
	}
	return out, nil
}

// DeleteRecords removes the TXT records of zone that match recs (a value, when given).
func (d *DNSServer) DeleteRecords(_ context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		if rr.Type != "" && !strings.EqualFold(rr.Type, "TXT") {
			continue
		}
		name := canonical(libdns.AbsoluteName(rr.Name, canonical(zone)))
		kept := slices.DeleteFunc(slices.Clone(d.txt[name]), func(v string) bool {
			if rr.Data == "" || v == rr.Data {
				out = append(out, libdns.TXT{Name: rr.Name, Text: v})
				return true
			}
			return false
		})
		publish(d.txt, name, kept)
	}
	return out, nil
}

// GetRecords lists the TXT records in zone.
func (d *DNSServer) GetRecords(_ context.Context, zone string) ([]libdns.Record, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	zone = canonical(zone)
	var out []libdns.Record
	for name, vals := range d.txt {
		if name != zone && !strings.HasSuffix(name, "."+zone) {
			continue
		}
		for _, v := range vals {
			out = append(out, libdns.TXT{Name: libdns.RelativeName(name, zone), TTL: time.Minute, Text: v})
		}
	}
	return out, nil
}
