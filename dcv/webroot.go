package dcv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WebRoot publishes validation files under each domain's document root.
type WebRoot struct {
	roots map[string]string // domain → absolute document root
}

var _ Publisher = (*WebRoot)(nil)

// NewWebRoot returns a publisher of files under roots: each domain (an A-label name, without
// "*.") and its document root, an existing directory. A domain not listed is ErrNotServed.
func NewWebRoot(roots map[string]string) (*WebRoot, error) {
	w := &WebRoot{roots: make(map[string]string, len(roots))}
	for domain, dir := range roots {
		if !plainName(domain) {
			return nil, errors.New("dcv: NewWebRoot: not a domain name: " + domain)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return nil, errors.New("dcv: NewWebRoot: not a directory: " + dir)
		}
		w.roots[strings.ToLower(domain)] = abs
	}
	return w, nil
}

// Publish writes the challenge's file under the domain's document root: to a temporary file in
// the same folder, synced, then renamed over the name the CA reads, so the CA never reads half
// a file. The file is opened through os.Root, so neither the path nor a symbolic link inside
// the root can lead outside it.
func (w *WebRoot) Publish(ctx context.Context, c Challenge) (Publication, error) {
	if c.Method != MethodFile {
		return Publication{}, ErrNotServed
	}
	if err := c.Check(); err != nil {
		return Publication{}, &Error{Code: CodeInvalidChallenge, Domain: c.Domain, Err: err}
	}
	dir, ok := w.roots[strings.ToLower(c.Domain)]
	if !ok {
		return Publication{}, ErrNotServed
	}
	if err := ctx.Err(); err != nil {
		return Publication{}, err
	}
	rel := strings.TrimPrefix(c.Path, "/")
	if err := writeAtomic(dir, rel, c.Value+"\n"); err != nil {
		return Publication{}, &Error{Code: CodeWebRoot, Domain: c.Domain, Err: err}
	}
	return Publication{Domain: c.Domain, Method: MethodFile, Zone: dir, Name: rel, Value: c.Value}, nil
}

func writeAtomic(dir, rel, content string) (err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return err
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	tmp := path.Join(path.Dir(rel), ".jstore-"+hex.EncodeToString(b[:]))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = root.Remove(tmp)
		}
	}()
	if _, err = f.WriteString(content); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return root.Rename(tmp, rel)
}

// Remove deletes the publication's file (for an Intent, under the domain's root). Only a file
// under one of the configured roots is touched: any other is ErrNotServed.
func (w *WebRoot) Remove(ctx context.Context, p Publication) error {
	if p.Zone == "" { // an Intent: the domain's root
		p.Zone = w.roots[strings.ToLower(p.Domain)]
	}
	switch {
	case p.Method != MethodFile:
		return ErrNotServed
	case !w.serves(p.Zone):
		return ErrNotServed
	case !validPath("/" + p.Name):
		return &Error{Code: CodeInvalidChallenge, Domain: p.Domain, Err: errors.New("not a file this publisher wrote")}
	}
	root, err := os.OpenRoot(p.Zone)
	if err != nil {
		return &Error{Code: CodeWebRoot, Domain: p.Domain, Err: err}
	}
	defer root.Close()
	if err := root.Remove(p.Name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Code: CodeWebRoot, Domain: p.Domain, Err: err}
	}
	return nil
}

func (w *WebRoot) serves(dir string) bool {
	for _, d := range w.roots {
		if d == dir {
			return true
		}
	}
	return false
}
