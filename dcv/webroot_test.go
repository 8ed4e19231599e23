package dcv_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/internal/testkit"
)

const starfield = "/.well-known/pki-validation/starfield.html"

// TestWebRoot: the file appears whole under the domain's root and goes again; names and paths
// that would lead elsewhere are refused, and so is a symbolic link out of the root; a root that
// cannot be written is an error that leaves nothing.
func TestWebRoot(t *testing.T) {
	t.Parallel()
	root, other := t.TempDir(), t.TempDir()
	w, err := dcv.NewWebRoot(map[string]string{"www.example.test": root, "link.example.test": other})
	require.NoError(t, err)
	ctx := t.Context()

	p, err := w.Publish(ctx, dcv.Challenge{Domain: "WWW.example.test", Method: dcv.MethodFile, Path: starfield, Value: "unique-1"})
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, starfield))
	require.NoError(t, err)
	assert.Equal(t, "unique-1\n", string(b))
	entries, err := os.ReadDir(filepath.Dir(filepath.Join(root, starfield)))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")
	require.NoError(t, w.Remove(ctx, p))
	_, err = os.Stat(filepath.Join(root, starfield))
	assert.ErrorIs(t, err, os.ErrNotExist)
	require.NoError(t, w.Remove(ctx, p), "removing what is gone is not an error")

	_, err = w.Publish(ctx, dcv.Challenge{Domain: "shop.example.test", Method: dcv.MethodFile, Path: starfield, Value: "v"})
	assert.ErrorIs(t, err, dcv.ErrNotServed)
	_, err = w.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodDNS, TXTName: "www.example.test", Value: "v"})
	assert.ErrorIs(t, err, dcv.ErrNotServed)

	for _, path := range []string{"/.well-known/pki-validation/../../../etc/passwd", "/etc/passwd", "/.well-known/pki-validation/.htaccess", "/.well-known/pki-validation/a/b", "/.well-known/pki-validation/"} {
		_, err := w.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodFile, Path: path, Value: "v"})
		var e *dcv.Error
		require.ErrorAs(t, err, &e, path)
		assert.Equal(t, dcv.CodeInvalidChallenge, e.Code, path)
	}
	assert.ErrorIs(t, w.Remove(ctx, dcv.Publication{Domain: "x", Method: dcv.MethodFile, Zone: "/etc", Name: ".well-known/pki-validation/passwd"}), dcv.ErrNotServed, "only under a configured root")

	// A link inside the root that points outside it is not followed.
	outside := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(other, ".well-known"), 0o755))
	require.NoError(t, os.Symlink(outside, filepath.Join(other, ".well-known", "pki-validation")))
	_, err = w.Publish(ctx, dcv.Challenge{Domain: "link.example.test", Method: dcv.MethodFile, Path: starfield, Value: "v"})
	var e *dcv.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeWebRoot, e.Code)
	left, err := os.ReadDir(outside)
	require.NoError(t, err)
	assert.Empty(t, left, "nothing was written outside the root")

	// A root where the folder cannot be made (a file stands in its way; permissions would not
	// stop root).
	blocked := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(blocked, ".well-known"), []byte("a file"), 0o644))
	bw, err := dcv.NewWebRoot(map[string]string{"www.example.test": blocked})
	require.NoError(t, err)
	_, err = bw.Publish(ctx, dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodFile, Path: starfield, Value: "v"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dcv.CodeWebRoot, e.Code)
	assert.Contains(t, e.Message("ja"), "ドキュメントルート")

	_, err = dcv.NewWebRoot(map[string]string{"www.example.test": filepath.Join(root, "missing")})
	assert.Error(t, err)
	_, err = dcv.NewWebRoot(map[string]string{"../evil": root})
	assert.Error(t, err)
}

// TestRemoveIntent: what a crash between keeping the intent and publishing leaves behind is
// removed from the intent alone.
func TestRemoveIntent(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w, err := dcv.NewWebRoot(map[string]string{"www.example.test": root})
	require.NoError(t, err)
	c := dcv.Challenge{Domain: "www.example.test", Method: dcv.MethodFile, Path: starfield, Value: "v"}
	_, err = w.Publish(t.Context(), c)
	require.NoError(t, err)
	require.NoError(t, w.Remove(t.Context(), c.Intent()))
	_, err = os.Stat(filepath.Join(root, starfield))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// TestWebRootServedByNginx: a real nginx serves the published file under the site's name, as
// the CA fetches it, and no longer once it is removed.
func TestWebRootServedByNginx(t *testing.T) {
	t.Parallel()
	ng := testkit.StartNginx(t, "www.example.jp")
	w, err := dcv.NewWebRoot(ng.Roots)
	require.NoError(t, err)
	ctx := t.Context()
	get := func() (int, string) {
		resp, err := ng.Client().Get("http://www.example.jp" + starfield)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b)
	}
	status, _ := get()
	assert.Equal(t, http.StatusNotFound, status)
	p, err := w.Publish(ctx, dcv.Challenge{Domain: "www.example.jp", Method: dcv.MethodFile, Path: starfield, Value: "unique-nginx"})
	require.NoError(t, err)
	status, body := get()
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "unique-nginx\n", body)
	require.NoError(t, w.Remove(ctx, p))
	status, _ = get()
	assert.Equal(t, http.StatusNotFound, status)
}
