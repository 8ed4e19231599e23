package catest

import (
	"context"
	"net"
	"strings"
	"sync"

	"golang.org/x/net/dns/dnsmessage"
)

// DNSServer is a loopback UDP DNS server that answers TXT queries from a table, so that a test
// can publish a domain-control token and hand [WithDNS] a resolver that finds it.
type DNSServer struct {
	conn net.PacketConn
	mu   sync.Mutex
	txt  map[string][]string
	done chan struct{}
}

// NewDNSServer starts a server on 127.0.0.1. Close it when done.
func NewDNSServer() (*DNSServer, error) {
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	d := &DNSServer{conn: conn, txt: map[string][]string{}, done: make(chan struct{})}
	go d.serve()
	return d, nil
}

// SetTXT publishes the TXT values of name (replacing earlier ones; none removes the record).
func (d *DNSServer) SetTXT(name string, values ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := canonical(name)
	if len(values) == 0 {
		delete(d.txt, key)
		return
	}
	d.txt[key] = values
}

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
	d.mu.Lock()
	vals, ok := d.txt[strings.ToLower(q.Name.String())]
	d.mu.Unlock()
	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired}
	if !ok {
		rh.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, rh)
	if b.StartQuestions() != nil || b.Question(q) != nil || b.StartAnswers() != nil {
		return nil
	}
	if ok && q.Type == dnsmessage.TypeTXT {
		for _, v := range vals {
			if b.TXTResource(dnsmessage.ResourceHeader{Name: q.Name, Type: dnsmessage.TypeTXT, Class: dnsmessage.ClassINET, TTL: 60}, dnsmessage.TXTResource{TXT: []string{v}}) != nil {
				return nil
			}
		}
	}
	out, err := b.Finish()
	if err != nil {
		return nil
	}
	return out
}
