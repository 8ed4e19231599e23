package files_test

import (
	"bytes"
	"crypto/tls"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/files"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/message"
)

// bundle is a new key and a leaf for names with the given serial, from is.
func bundle(t testing.TB, is *testkit.Issuer, serial int64, names ...string) deploy.Bundle {
	_, leaf, key := is.Leaf(t, serial, time.Now().Add(24*time.Hour), names...)
	return deploy.Bundle{Names: names, Leaf: leaf, Chain: is.PEM, Key: key}
}

// served is the serial nginx serves for name.
func served(t testing.TB, addr, name string) int64 {
	c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: name, InsecureSkipVerify: true})
	require.NoError(t, err)
	defer c.Close()
	return c.ConnectionState().PeerCertificates[0].SerialNumber.Int64()
}

const site = "www.example.jp"

func start(t *testing.T) (*testkit.TLSNginx, *testkit.Issuer, deploy.Bundle) {
	is := testkit.NewIssuer(t)
	first := bundle(t, is, 100, site)
	n := testkit.StartTLSNginx(t, func(string) ([]byte, []byte) { return first.FullChain(), first.Key }, site)
	require.Equal(t, int64(100), served(t, n.Addr, site))
	return n, is, first
}

func deployer(t testing.TB, n *testkit.TLSNginx, edit ...func(*files.Config)) *files.Deployer {
	c := files.Config{Name: "nginx web1", Dirs: []string{n.Dir}, FullChain: n.FullChain(site), Key: n.Key(site), Test: n.Test, Reload: n.Reload, Timeout: 10 * time.Second}
	for _, e := range edit {
		e(&c)
	}
	d, err := files.New(c)
	require.NoError(t, err)
	return d
}

// TestDeployToNginx: a real nginx serves the new certificate after Deploy; the key file is
// 0600 and nothing is left beside the files.
func TestDeployToNginx(t *testing.T) {
	t.Parallel()
	n, is, _ := start(t)
	next := bundle(t, is, 200, site)
	require.NoError(t, deployer(t, n).Deploy(t.Context(), next))
	assert.Eventually(t, func() bool { return served(t, n.Addr, site) == 200 }, 5*time.Second, 20*time.Millisecond, "the new serial is served")
	info, err := os.Stat(n.Key(site))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(n.Key(site)))
	require.NoError(t, err)
	assert.Len(t, entries, 2, "fullchain.pem and privkey.pem, no temporary file")
}

// TestDeployRolledBack: nginx refuses a key that is not the certificate's (nginx -t), a reload
// that fails or hangs is a failure: each is a typed error with both texts, the previous files
// are back on disk and the previous certificate is still served.
func TestDeployRolledBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(*files.Config)
		mismatched bool
		want       error
		rolledBack bool
		ja         string
	}{
		{"a key that is not the certificate's", nil, true, deploy.ErrRefused, true, "nginx web1が証明書を受け付けませんでした。以前の証明書のまま配信されています。"},
		{"a reload that fails", func(c *files.Config) { c.Reload = []string{"false"} }, false, deploy.ErrReload, false, "nginx web1の再読み込みに失敗しました。"},
		{"a reload that hangs", func(c *files.Config) { c.Reload, c.Timeout = []string{"sleep", "30"}, 200*time.Millisecond }, false, deploy.ErrReload, false, "nginx web1の再読み込みに失敗しました。"},
		{"a site the certificate does not cover", func(c *files.Config) { c.Sites = []string{site, "shop.example.jp"} }, false, deploy.ErrNotCovered, true, "この証明書はnginx web1のサイトのドメインを含んでいません。以前の証明書のまま配信されています。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n, is, first := start(t)
			next := bundle(t, is, 300, site)
			if tc.mismatched {
				next.Key = bundle(t, is, 301, site).Key
			}
			var edits []func(*files.Config)
			if tc.edit != nil {
				edits = append(edits, tc.edit)
			}
			began := time.Now()
			deployErr := deployer(t, n, edits...).Deploy(t.Context(), next)
			require.ErrorIs(t, deployErr, tc.want)
			assert.Less(t, time.Since(began), 10*time.Second, "a hanging command is cut off")
			var de *deploy.Error
			require.ErrorAs(t, deployErr, &de)
			assert.Equal(t, tc.rolledBack, de.RolledBack)
			assert.Equal(t, tc.ja, de.Message(message.Japanese))
			chain, err := os.ReadFile(n.FullChain(site))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(first.FullChain(), chain), "the previous files are back")
			key, err := os.ReadFile(n.Key(site))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(first.Key, key))
			assert.Equal(t, int64(100), served(t, n.Addr, site), "the previous certificate is served")
			assert.NotContains(t, deployErr.Error(), string(next.Key[30:80]), "no key in the error")
		})
	}
}

// TestNewRefusesPaths: every path must be absolute and inside a configured directory.
func TestNewRefusesPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ok := files.Config{Name: "web", Dirs: []string{dir}, FullChain: filepath.Join(dir, "a.pem"), Key: filepath.Join(dir, "k.pem"), Reload: []string{"true"}}
	_, err := files.New(ok)
	require.NoError(t, err)
	for name, edit := range map[string]func(*files.Config){
		"a key outside":   func(c *files.Config) { c.Key = "/etc/ssl/private/k.pem" },
		"climbing out":    func(c *files.Config) { c.FullChain = filepath.Join(dir, "..", "a.pem") },
		"a relative path": func(c *files.Config) { c.Key = "k.pem" },
		"the dir itself":  func(c *files.Config) { c.Key = dir },
		"a chain outside": func(c *files.Config) { c.Chain = "/tmp/x/chain.pem" },
	} {
		c := ok
		edit(&c)
		_, err := files.New(c)
		assert.ErrorIs(t, err, deploy.ErrOutside, name)
	}
	c := ok
	c.Reload = nil
	_, err = files.New(c)
	assert.Error(t, err, "no reload command")
}
