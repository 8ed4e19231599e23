package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TLSNginx is a real nginx (Debian package nginx) on a loopback port of its own, serving HTTPS
// for each site from PEM files in Dir/<site>/: fullchain.pem and privkey.pem.
type TLSNginx struct {
	Addr string // 127.0.0.1:port
	Dir  string // the certificates' directory
	// Test and Reload are this instance's `nginx -t` and `nginx -s reload`.
	Test, Reload []string
	master       int
}

// FullChain and Key are where site's certificate files are.
func (n *TLSNginx) FullChain(site string) string { return filepath.Join(n.Dir, site, "fullchain.pem") }

// Key is the path of site's private key.
func (n *TLSNginx) Key(site string) string { return filepath.Join(n.Dir, site, "privkey.pem") }

// StartTLSNginx starts nginx serving sites over TLS, each first with the files initial gives
// it, stopped when the test ends. A name it serves no site for is refused at the handshake.
// Without nginx it skips naming the package (fails under JSTORE_REQUIRE_INTEGRATION=1).
func StartTLSNginx(t testing.TB, initial func(site string) (fullChain, key []byte), sites ...string) *TLSNginx {
	t.Helper()
	bin := nginxBinary(t)
	dir := t.TempDir()
	n := &TLSNginx{Addr: fmt.Sprintf("127.0.0.1:%d", FreePort(t)), Dir: filepath.Join(dir, "certs")}
	var servers strings.Builder
	for _, site := range sites {
		require.NoError(t, os.MkdirAll(filepath.Join(n.Dir, site), 0o700))
		chain, key := initial(site)
		require.NoError(t, os.WriteFile(n.FullChain(site), chain, 0o644))
		require.NoError(t, os.WriteFile(n.Key(site), key, 0o600))
		fmt.Fprintf(&servers, "    server { listen %s ssl; server_name %s; ssl_certificate %s; ssl_certificate_key %s; return 200 \"%s\\n\"; }\n",
			n.Addr, site, n.FullChain(site), n.Key(site), site)
	}
	base, master := runNginx(t, bin, dir, n.Addr, "ssl_reject_handshake on;", servers.String())
	n.master = master
	n.Test = append(append([]string{}, base...), "-t", "-q")
	n.Reload = append(append([]string{}, base...), "-s", "reload")
	return n
}

// WaitOldWorkers waits until nginx runs one worker again. After a reload has been seen to
// take effect (a new worker answered), the old worker still takes connections until it exits,
// and a test whose clock runs faster than that must wait for it.
func (n *TLSNginx) WaitOldWorkers(t testing.TB) {
	t.Helper()
	require.Eventually(t, func() bool { return n.workers(t) == 1 }, 10*time.Second, 20*time.Millisecond, "nginx's old worker did not exit")
}

// workers counts the master's children (worker_processes is 1, and no cache is configured).
func (n *TLSNginx) workers(t testing.TB) int {
	entries, err := os.ReadDir("/proc")
	require.NoError(t, err)
	count := 0
	for _, e := range entries {
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: the comm may hold spaces, so read after its last ')'.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) >= 2 && fields[1] == strconv.Itoa(n.master) {
			count++
		}
	}
	return count
}
