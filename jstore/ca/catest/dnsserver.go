package catest

import (
	"context"
	"net"
	"strings"
	"sync"

	"golang.org/x/net/dns/dnsmessage"
)

// DNSServer is a loopback UDP DNS server that answers TXT and CAA queries from a table, so
// that a test can publish a domain-control token (and the CAA records a CA reads) and hand
// [WithDNS] a resolver that finds it.
//
// It can also stand for the panel's own DNS: [DNSServer.SetZone] makes it authoritative for a
// zone (SOA, NS, and its name server's address), and its AppendRecords, DeleteRecords and
// GetRecords make it a libdns provider of TXT records, so dcv.NewDNS publishes through it.
type DNSServer struct {
	conn  net.PacketConn
	mu    sync.Mutex
	txt   map[string][]string
	caa   map[string][]CAA
	zones map[string]bool // apexes served, canonical
	done  chan struct{}
}

// CAA is one CAA record (RFC 8659): flags (128: critical), a tag such as "issue" or
// "issuewild", and its value such as "starfieldtech.com".
type CAA struct {
	Flags uint8
	Tag   string
	Value string
}

// typeCAA is the CAA record type, which dnsmessage does not name.
const typeCAA dnsmessage.Type = 257

// NewDNSServer starts a server on 127.0.0.1. Close it when done.
func NewDNSServer() (*DNSServer, error) {
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	d := &DNSServer{conn: conn, txt: map[string][]string{}, caa: map[string][]CAA{}, zones: map[string]bool{}, done: make(chan struct{})}
	go d.serve()
	return d, nil
}

// SetTXT publishes the TXT values of name (replacing earlier ones; none removes the record).
func (d *DNSServer) SetTXT(name string, values ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	publish(d.txt, name, values)
}

// SetCAA publishes the CAA records of name (replacing earlier ones; none removes them).
func (d *DNSServer) SetCAA(name string, records ...CAA) {
	d.mu.Lock()
	defer d.mu.Unlock()
	publish(d.caa, name, records)
}

// publish replaces the records of name in zone; none removes them.
func publish[T any](zone map[string][]T, name string, records []T) {
	key := canonical(name)
	if len(records) == 0 {
		delete(zone, key)
		return
	}
	zone[key] = records
}

// Addr is the server's address (127.0.0.1:port, UDP).
func (d *DNSServer) Addr() string { return d.conn.LocalAddr().String() }

// Port is the server's UDP port.
func (d *DNSServer) Port() int { return d.conn.LocalAddr().(*net.UDPAddr).Port }

// Resolver returns a resolver that asks only this server.
func (d *DNSServer) Resolver() *net.Resolver {
	addr := d.conn.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var dl net.Dialer
		return dl.DialContext(ctx, "udp", addr)
	}}
}

// Close stops the server.
func (d *DNSServer) Close() {
	_ = d.conn.Close()
	<-d.done
}

func canonical(name string) string { return strings.ToLower(strings.TrimSuffix(name, ".")) + "." }

func (d *DNSServer) serve() {
	defer close(d.done)
	buf := make([]byte, 1500)
	for {
		n, from, err := d.conn.ReadFrom(buf)
		if err != nil {
			return
		}
		if resp := d.answer(buf[:n]); resp != nil {
			_, _ = d.conn.WriteTo(resp, from)
		}
	}
}

// answer builds the reply to one query; malformed queries get none.
func (d *DNSServer) answer(msg []byte) []byte {
	var p dnsmessage.Parser
	h, err := p.Start(msg)
	if err != nil {
		return nil
	}
	q, err := p.Question()
	if err != nil {
		return nil
	}
	name := strings.ToLower(q.Name.String())
	d.mu.Lock()
	vals, hasTXT := d.txt[name]
	caas, hasCAA := d.caa[name]
	apex := d.zoneOf(name)
	d.mu.Unlock()
	known := hasTXT || hasCAA || apex != "" && (name == apex || name == "ns1."+apex)
	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired}
	if !known && apex == "" {
		rh.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, rh)
	if b.StartQuestions() != nil || b.Question(q) != nil || b.StartAnswers() != nil {
		return nil
	}
	hdr := func(t dnsmessage.Type) dnsmessage.ResourceHeader {
		return dnsmessage.ResourceHeader{Name: q.Name, Type: t, Class: dnsmessage.ClassINET, TTL: 60}
	}
	answered := false
	switch {
	case q.Type == dnsmessage.TypeTXT:
		for _, v := range vals {
			if b.TXTResource(hdr(dnsmessage.TypeTXT), dnsmessage.TXTResource{TXT: []string{v}}) != nil {
				return nil
			}
			answered = true
		}
	case q.Type == typeCAA:
		for _, c := range caas {
			data := append([]byte{c.Flags, byte(len(c.Tag))}, c.Tag...)
			data = append(data, c.Value...)
			if b.UnknownResource(hdr(typeCAA), dnsmessage.UnknownResource{Type: typeCAA, Data: data}) != nil {
				return nil
			}
			answered = true
		}
	case apex != "" && name == apex && q.Type == dnsmessage.TypeSOA:
		answered = b.SOAResource(hdr(dnsmessage.TypeSOA), soa(apex)) == nil
	case apex != "" && name == apex && q.Type == dnsmessage.TypeNS:
		answered = b.NSResource(hdr(dnsmessage.TypeNS), dnsmessage.NSResource{NS: dnsmessage.MustNewName("ns1." + apex)}) == nil
	case apex != "" && name == "ns1."+apex && q.Type == dnsmessage.TypeA:
		answered = b.AResource(hdr(dnsmessage.TypeA), dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}}) == nil
	}
	if apex != "" && !answered {
		// No such record in a zone served here: the zone's SOA in the authority section says
		// whose zone it is (RFC 2308).
		if b.StartAuthorities() != nil || b.SOAResource(dnsmessage.ResourceHeader{Name: dnsmessage.MustNewName(apex), Type: dnsmessage.TypeSOA, Class: dnsmessage.ClassINET, TTL: 60}, soa(apex)) != nil {
			return nil
		}
	}
	out, err := b.Finish()
	if err != nil {
		return nil
	}
	return out
}

// soa is the SOA record of a zone served here.
func soa(apex string) dnsmessage.SOAResource {
	return dnsmessage.SOAResource{NS: dnsmessage.MustNewName("ns1." + apex), MBox: dnsmessage.MustNewName("hostmaster." + apex), Serial: 1, Refresh: 3600, Retry: 600, Expire: 86400, MinTTL: 60}
}

// zoneOf returns the apex of the served zone that holds name, the longest; "" for none. The
// caller holds d.mu.
func (d *DNSServer) zoneOf(name string) string {
	best := ""
	for apex := range d.zones {
		if (name == apex || strings.HasSuffix(name, "."+apex)) && len(apex) > len(best) {
			best = apex
		}
	}
	return best
}
