package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jstore-sdk/sdk/internal/nginxconf"
)

// localNginx is an nginx the tour starts on a loopback port of its own, serving one site over
// TLS from PEM files in its directory, to deploy to.
type localNginx struct {
	Addr, Site     string
	FullChain, Key string // the files nginx reads, which the deployer replaces
	Dir            string
	Test, Reload   []string
	base           []string // the command line naming this instance
	cmd            *exec.Cmd
	done           chan struct{}
}

// startNginx starts nginx for site in dir, first with a self-signed placeholder. When it
// cannot, it says why in words for the reader, and the tour goes on without it.
func startNginx(dir, site string) (*localNginx, string) {
	bin, ok := findNginx()
	if !ok {
		return nil, "nginx is not installed (Debian: apt-get install nginx)"
	}
	port, err := freePort()
	if err != nil {
		return nil, "no free loopback port: " + err.Error()
	}
	n := &localNginx{Addr: fmt.Sprintf("127.0.0.1:%d", port), Site: site, Dir: filepath.Join(dir, "certs"), done: make(chan struct{})}
	n.FullChain, n.Key = filepath.Join(n.Dir, "fullchain.pem"), filepath.Join(n.Dir, "privkey.pem")
	if err := n.configure(bin, dir); err != nil {
		return nil, "could not write its configuration: " + err.Error()
	}
	n.cmd = exec.Command(n.base[0], n.base[1:]...)
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the master and its worker stop together
	if err := n.cmd.Start(); err != nil {
		return nil, "nginx did not start: " + err.Error()
	}
	go func() { _ = n.cmd.Wait(); close(n.done) }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", n.Addr, 200*time.Millisecond); err == nil {
			_ = c.Close()
			return n, ""
		}
		select {
		case <-n.done:
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return nil, "nginx stopped at once: " + string(log)
		default:
		}
	}
	n.stop()
	return nil, "nginx did not answer on " + n.Addr + " within 10 s"
}

// findNginx is nginx on PATH, or Debian's in /usr/sbin, which is off a user's PATH.
func findNginx() (string, bool) {
	if bin, err := exec.LookPath("nginx"); err == nil {
		return bin, true
	}
	_, err := os.Stat("/usr/sbin/nginx")
	return "/usr/sbin/nginx", err == nil
}

// configure writes the placeholder certificate and nginx.conf, and sets the command lines.
func (n *localNginx) configure(bin, dir string) error {
	if err := os.MkdirAll(n.Dir, 0o700); err != nil {
		return err
	}
	chain, key, err := placeholder(n.Site)
	if err != nil {
		return err
	}
	if err := os.WriteFile(n.FullChain, chain, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(n.Key, key, 0o600); err != nil {
		return err
	}
	site := fmt.Sprintf("    server { listen %[1]s ssl; server_name %[2]s; ssl_certificate %[3]s; ssl_certificate_key %[4]s; return 200 \"%[2]s\\n\"; }\n",
		n.Addr, n.Site, n.FullChain, n.Key)
	_, base, err := nginxconf.Write(bin, dir, n.Addr+" ssl default_server", "ssl_reject_handshake on;", site)
	if err != nil {
		return err
	}
	n.base = base
	n.Test = append(append([]string{}, base...), "-t", "-q")
	n.Reload = append(append([]string{}, base...), "-s", "reload")
	return nil
}

// stop ends nginx and waits for it.
func (n *localNginx) stop() {
	_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
		<-n.done
	}
}

// placeholder is a self-signed certificate for site, what a new vhost serves before the
// first deployment.
func placeholder(site string) (chain, key []byte, err error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: site}, DNSNames: []string{site},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(0, 1, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

// freePort is a loopback TCP port nobody listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}
