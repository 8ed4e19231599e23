package testkit

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/nginxconf"
)

// Nginx is a real nginx (Debian package nginx) on a loopback port of its own, serving each
// site's document root under its name.
type Nginx struct {
	Addr  string            // 127.0.0.1:port
	Roots map[string]string // site name → document root
}

// StartNginx starts nginx for sites (each name gets a fresh document root), stopped when the
// test ends. Without nginx it skips naming the package (fails under
// JSTORE_REQUIRE_INTEGRATION=1).
func StartNginx(t testing.TB, sites ...string) *Nginx {
	t.Helper()
	bin := nginxBinary(t)
	dir := t.TempDir()
	n := &Nginx{Addr: fmt.Sprintf("127.0.0.1:%d", FreePort(t)), Roots: map[string]string{}}
	var servers strings.Builder
	for _, site := range sites {
		root := filepath.Join(dir, "sites", site)
		require.NoError(t, os.MkdirAll(root, 0o755))
		n.Roots[site] = root
		fmt.Fprintf(&servers, "    server { listen %s; server_name %s; root %s; }\n", n.Addr, site, root)
	}
	runNginx(t, bin, dir, n.Addr, "return 404;", servers.String())
	return n
}

// nginxBinary is nginx's path. Without nginx the test skips naming the package (fails under
// JSTORE_REQUIRE_INTEGRATION=1), and never returns.
func nginxBinary(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		Missing(t, "nginx not found on PATH: install it (Debian: apt-get install nginx) to run the tests against a real web server")
	}
	return bin
}

// runNginx writes dir/nginx.conf with the default server (defaultServer is its body) and the
// sites' servers, starts nginx in its own process group, stopped when the test ends, and waits
// until addr answers. It returns the command line that names this instance's prefix and
// configuration, for -t and -s reload, and the master's process ID.
func runNginx(t testing.TB, bin, dir, addr, defaultServer, servers string) ([]string, int) {
	t.Helper()
	listen := addr + " default_server"
	if strings.Contains(servers, " ssl;") {
		listen = addr + " ssl default_server"
	}
	_, base, err := nginxconf.Write(bin, dir, listen, defaultServer, servers)
	require.NoError(t, err)
	cmd := exec.Command(base[0], base[1:]...)
	// Its own process group, so that the master and its worker stop together.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	logs := func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return string(b)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		if t.Failed() {
			t.Logf("nginx said:\n%s", logs())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return base, cmd.Process.Pid
		}
		select {
		case <-done:
			t.Fatalf("nginx stopped: %s", logs())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not answer on %s", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Client is an HTTP client that reaches every host through this nginx, as DNS pointing the
// sites' names at it would.
func (n *Nginx) Client() *http.Client {
	var d net.Dialer
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, n.Addr)
		},
	}}
}
