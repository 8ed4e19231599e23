package catest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// WebServer is a loopback HTTP server that serves files by host and path, standing in for every
// customer web site, so that a test can publish a pki-validation file and hand [WithWeb] a
// client that reaches it whatever host it asks for.
type WebServer struct {
	ts    *httptest.Server
	mu    sync.Mutex
	files map[string]string // host + path → body
}

// NewWebServer starts a server on 127.0.0.1. Close it when done.
func NewWebServer() *WebServer {
	w := &WebServer{files: map[string]string{}}
	w.ts = httptest.NewServer(http.HandlerFunc(w.serve))
	return w
}

// SetFile serves body at http://host/path (an empty body removes the file).
func (w *WebServer) SetFile(host, path, body string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	key := strings.ToLower(host) + path
	if body == "" {
		delete(w.files, key)
		return
	}
	w.files[key] = body
}

// SetValidationFile serves the unique ID at /.well-known/pki-validation/<file> of host, where
// file is "starfield.html" or "godaddy.html".
func (w *WebServer) SetValidationFile(host, file, uniqueID string) {
	w.SetFile(host, "/.well-known/pki-validation/"+file, uniqueID)
}

// Client returns a client that connects to this server for every host.
func (w *WebServer) Client() *http.Client {
	addr := w.ts.Listener.Addr().String()
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	return &http.Client{Transport: tr}
}

// Close stops the server.
func (w *WebServer) Close() { w.ts.Close() }

func (w *WebServer) serve(rw http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	w.mu.Lock()
	body, ok := w.files[strings.ToLower(host)+r.URL.Path]
	w.mu.Unlock()
	if !ok {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", "text/plain")
	_, _ = rw.Write([]byte(body))
}
