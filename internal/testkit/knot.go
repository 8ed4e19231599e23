package testkit

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/stretchr/testify/require"
)

// KnotZone is a zone a test's Knot DNS serves: its apex and the zone file's records after the
// SOA (owner names relative to the apex, or @).
type KnotZone struct {
	Apex    string
	Records []string
}

// Knot is a real Knot DNS server (Debian package knot) on a loopback port of its own,
// authoritative for the test's zones, taking dynamic updates and zone transfers signed with its
// TSIG key.
type Knot struct {
	Addr    string // 127.0.0.1:port, UDP and TCP
	Port    int
	KeyName string
	Secret  string // base64
}

// StartKnot starts knotd for zones, stopped when the test ends. Without knotd it skips naming
// the package (fails under JSTORE_REQUIRE_INTEGRATION=1).
func StartKnot(t testing.TB, zones ...KnotZone) *Knot {
	t.Helper()
	bin, err := exec.LookPath("knotd")
	if err != nil {
		Missing(t, "knotd not found on PATH: install Knot DNS (Debian: apt-get install knot) to run the tests against a real DNS server")
		return nil
	}
	dir := t.TempDir()
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	k := &Knot{KeyName: "jstore-test.", Secret: base64.StdEncoding.EncodeToString(secret), Port: FreePort(t)}
	k.Addr = fmt.Sprintf("127.0.0.1:%d", k.Port)
	var conf strings.Builder
	fmt.Fprintf(&conf, `server:
    rundir: "%[1]s"
    listen: 127.0.0.1@%[2]d
control:
    listen: "%[1]s/knot.sock"
database:
    storage: "%[1]s/db"
log:
  - target: stderr
    any: warning
key:
  - id: %[3]s
    algorithm: hmac-sha256
    secret: %[4]s
acl:
  - id: signed
    key: %[3]s
    action: [update, transfer]
template:
  - id: default
    storage: "%[1]s"
    file: "%%s.zone"
    zonefile-sync: -1
    journal-content: changes
zone:
`, dir, k.Port, k.KeyName, k.Secret)
	for _, z := range zones {
		apex := strings.TrimSuffix(z.Apex, ".") + "."
		fmt.Fprintf(&conf, "  - domain: %s\n    acl: signed\n", apex)
		zone := fmt.Sprintf("$ORIGIN %s\n$TTL 60\n@ SOA ns1.%s hostmaster.%s 1 3600 600 86400 60\n%s\n", apex, apex, apex, strings.Join(z.Records, "\n"))
		require.NoError(t, os.WriteFile(filepath.Join(dir, apex+"zone"), []byte(zone), 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "db"), 0o755))
	cfg := filepath.Join(dir, "knot.conf")
	require.NoError(t, os.WriteFile(cfg, []byte(conf.String()), 0o644))
	cmd := exec.Command(bin, "-c", cfg)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
		if t.Failed() {
			t.Logf("knotd said:\n%s", logs.String())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; {
		if k.serves(zones) {
			return k
		}
		select {
		case <-done:
			t.Fatalf("knotd stopped: %s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("knotd does not answer on %s: %s", k.Addr, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// serves reports whether knotd answers every zone's SOA with authority: it has loaded them.
func (k *Knot) serves(zones []KnotZone) bool {
	for _, z := range zones {
		m := new(dns.Msg)
		m.SetQuestion(strings.TrimSuffix(z.Apex, ".")+".", dns.TypeSOA)
		c := &dns.Client{Timeout: 200 * time.Millisecond}
		in, _, err := c.Exchange(m, k.Addr)
		if err != nil || !in.Authoritative || len(in.Answer) == 0 {
			return false
		}
	}
	return true
}

// FreePort returns a TCP port free on 127.0.0.1 at the time of the call; its UDP twin is
// almost always free too.
func FreePort(t testing.TB) int {
	t.Helper()
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		u, err := net.ListenPacket("udp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			u.Close()
			return port
		}
	}
	t.Fatal("no free port on 127.0.0.1")
	return 0
}

// DNSCounter forwards DNS queries, over UDP and TCP on a loopback port of its own, to a server
// and counts them: what a test points its resolvers at to learn how many queries it made.
type DNSCounter struct {
	Addr    string
	Port    int
	queries atomic.Int64
}

// Queries is how many queries have been forwarded.
func (c *DNSCounter) Queries() int64 { return c.queries.Load() }

// CountQueries starts a counting forwarder to upstream, stopped when the test ends.
func CountQueries(t testing.TB, upstream string) *DNSCounter {
	t.Helper()
	c := &DNSCounter{Port: FreePort(t)}
	c.Addr = fmt.Sprintf("127.0.0.1:%d", c.Port)
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, m *dns.Msg) {
		c.queries.Add(1)
		cl := &dns.Client{Net: w.LocalAddr().Network(), Timeout: 2 * time.Second}
		if cl.Net == "udp" {
			cl.UDPSize = dns.MaxMsgSize
		}
		in, _, err := cl.Exchange(m, upstream)
		if err != nil {
			in = new(dns.Msg)
			in.SetRcode(m, dns.RcodeServerFailure)
		}
		_ = w.WriteMsg(in)
	})
	for _, network := range []string{"udp", "tcp"} {
		started := make(chan struct{})
		srv := &dns.Server{Addr: c.Addr, Net: network, Handler: handler, NotifyStartedFunc: func() { close(started) }}
		failed := make(chan error, 1)
		go func() { failed <- srv.ListenAndServe() }()
		select {
		case <-started:
		case err := <-failed:
			t.Fatalf("the DNS counter cannot listen on %s/%s: %v", c.Addr, network, err)
		}
		t.Cleanup(func() { _ = srv.Shutdown() })
	}
	return c
}
