package files

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/deploy"
)

// Config says where the files go and how the server takes them.
type Config struct {
	Name string // the target's name in errors and events, e.g. "nginx web1"
	// Dirs are the directories the files may be written in; every path must lie inside one.
	Dirs []string
	// FullChain, Chain, Key are the paths to write: the leaf followed by its chain (nginx's
	// ssl_certificate), the chain alone (Apache's SSLCertificateChainFile), the key. FullChain
	// and Key are required; Chain is optional.
	FullChain, Chain, Key string
	// Test, when set, checks the new files before the reload (nginx -t, apachectl configtest);
	// Reload makes the server read them (nginx -s reload). Each is a program and its arguments,
	// run without a shell.
	Test, Reload []string
	// Timeout bounds each command (default 30 s): a command that hangs is a failure.
	Timeout time.Duration
	// Sites, when set, are the names the server serves with these files: a bundle that does
	// not cover each of them is refused (deploy.ErrNotCovered) before anything is written.
	Sites []string
}

// Deployer writes the files and reloads.
type Deployer struct {
	c Config
}

var _ deploy.Deployer = (*Deployer)(nil)

// New checks c: the paths absolute and inside Dirs, a reload command.
func New(c Config) (*Deployer, error) {
	if c.Name == "" {
		return nil, errors.New("files: New: the target needs a name")
	}
	if len(c.Reload) == 0 {
		return nil, errors.New("files: New: a reload command is needed")
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	if c.FullChain == "" || c.Key == "" {
		return nil, errors.New("files: New: the full chain and key paths are needed")
	}
	for _, p := range []string{c.FullChain, c.Chain, c.Key} {
		if p != "" && !inside(p, c.Dirs) {
			return nil, &deploy.Error{Code: "outside", Target: c.Name, Detail: p}
		}
	}
	return &Deployer{c: c}, nil
}

// inside reports whether p is an absolute path within one of dirs, after cleaning.
func inside(p string, dirs []string) bool {
	if !filepath.IsAbs(p) {
		return false
	}
	p = filepath.Clean(p)
	for _, d := range dirs {
		if rel, err := filepath.Rel(filepath.Clean(d), p); err == nil && filepath.IsAbs(d) && rel != "." && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

// file is one path and what goes in it.
type file struct {
	path string
	body []byte
	mode os.FileMode
}

// Deploy writes the bundle, tests and reloads; on a refusal it puts the previous files back
// and reloads again.
func (d *Deployer) Deploy(ctx context.Context, b deploy.Bundle) error {
	for _, site := range d.c.Sites {
		if !deploy.Covers(b.Names, site) {
			return deploy.NotCovered(d.c.Name, site)
		}
	}
	fs := []file{{d.c.FullChain, b.FullChain(), 0o644}, {d.c.Key, b.Key, 0o600}}
	if d.c.Chain != "" {
		fs = append(fs, file{d.c.Chain, b.Chain, 0o644})
	}
	var previous []file
	for _, f := range fs {
		old, err := os.ReadFile(f.path)
		switch {
		case err == nil:
			previous = append(previous, file{f.path, old, f.mode})
		case !errors.Is(err, os.ErrNotExist):
			return &deploy.Error{Code: "refused", Target: d.c.Name, Err: err}
		}
	}
	for i, f := range fs {
		if err := replace(f); err != nil {
			d.restore(previous, fs[:i])
			return &deploy.Error{Code: "refused", Target: d.c.Name, RolledBack: true, Err: err}
		}
	}
	if len(d.c.Test) > 0 {
		if out, err := d.run(ctx, d.c.Test); err != nil {
			d.restore(previous, fs)
			return &deploy.Error{Code: "refused", Target: d.c.Name, RolledBack: true, Detail: deploy.Cut(out), Err: err}
		}
	}
	if out, err := d.run(ctx, d.c.Reload); err != nil {
		d.restore(previous, fs)
		_, again := d.run(context.WithoutCancel(ctx), d.c.Reload)
		return &deploy.Error{Code: "reload", Target: d.c.Name, RolledBack: again == nil, Detail: deploy.Cut(out), Err: err}
	}
	return nil
}

// restore puts the previous files back, and removes the new ones that replaced nothing.
func (d *Deployer) restore(previous, written []file) {
	for _, w := range written {
		if i := indexOf(previous, w.path); i >= 0 {
			_ = replace(previous[i])
		} else {
			_ = os.Remove(w.path)
		}
	}
}

func indexOf(fs []file, path string) int {
	for i, f := range fs {
		if f.path == path {
			return i
		}
	}
	return -1
}

// replace writes f beside its path, syncs it and renames it over the path, so a reader sees
// the old file or the new one, never part of either.
func replace(f file) error {
	dir := filepath.Dir(f.path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if err := tmp.Chmod(f.mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(f.body); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil { // the rename itself survives a crash
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// run runs a command under the timeout and returns its combined output.
func (d *Deployer) run(ctx context.Context, argv []string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, d.c.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return out.Bytes(), fmt.Errorf("%s did not finish within %s", argv[0], d.c.Timeout)
	}
	return out.Bytes(), err
}
