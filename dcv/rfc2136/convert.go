package rfc2136

import (
	"fmt"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// toRRs turns libdns records, named relative to zone, into wire records.
func toRRs(zone string, recs []libdns.Record) ([]dns.RR, error) {
	zone = dns.Fqdn(zone)
	out := make([]dns.RR, 0, len(recs))
	for _, rec := range recs {
		rr := rec.RR()
		name := libdns.AbsoluteName(rr.Name, zone)
		if !dns.IsSubDomain(zone, name) {
			return nil, fmt.Errorf("rfc2136: %s is not in the zone %s", name, zone)
		}
		hdr := dns.RR_Header{Name: name, Class: dns.ClassINET, Ttl: uint32(rr.TTL / time.Second)}
		if strings.EqualFold(rr.Type, "TXT") {
			hdr.Rrtype = dns.TypeTXT
			out = append(out, &dns.TXT{Hdr: hdr, Txt: chunks(rr.Data)})
			continue
		}
		w, err := dns.NewRR(fmt.Sprintf("%s %d IN %s %s", name, hdr.Ttl, rr.Type, rr.Data))
		if err != nil || w == nil {
			return nil, fmt.Errorf("rfc2136: a %s record for %s that cannot be written: %v", rr.Type, name, err)
		}
		out = append(out, w)
	}
	return out, nil
}

// chunks splits a TXT value into the 255-byte strings the wire format holds.
func chunks(s string) []string {
	if s == "" {
		return []string{""}
	}
	var out []string
	for len(s) > 255 {
		out = append(out, s[:255])
		s = s[255:]
	}
	return append(out, s)
}

// fromRR turns a wire record into a libdns RR named relative to zone; a TXT's strings are joined
// into one value, as libdns holds it.
func fromRR(zone string, rr dns.RR) libdns.RR {
	h := rr.Header()
	out := libdns.RR{Name: libdns.RelativeName(h.Name, zone), TTL: time.Duration(h.Ttl) * time.Second, Type: dns.TypeToString[h.Rrtype]}
	if t, ok := rr.(*dns.TXT); ok {
		out.Data = strings.Join(t.Txt, "")
		return out
	}
	out.Data = strings.TrimPrefix(rr.String(), h.String())
	return out
}

// parsed returns recs as libdns's typed records.
func parsed(recs []libdns.Record) ([]libdns.Record, error) {
	out := make([]libdns.Record, len(recs))
	for i, r := range recs {
		var err error
		if out[i], err = r.RR().Parse(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
