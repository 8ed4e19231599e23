// Package smtptest runs an SMTP server in the test process (github.com/emersion/go-smtp) that
// keeps what it accepted, for tests of code that sends mail.
package smtptest

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options shape the server.
type Options struct {
	Cert     *tls.Certificate // offers STARTTLS with it; nil: no STARTTLS
	Implicit bool             // with Cert: TLS from the first byte (port 465) instead of STARTTLS
	User     string           // with Password, the AUTH PLAIN login it accepts
	Password string
	Refuse   string // a recipient refused with 550
	Drop     bool   // close the connection in the middle of DATA
}

// Received is one accepted message.
type Received struct {
	Data []byte
	Rcpt []string
	User string // who logged in, if anyone
	TLS  bool   // STARTTLS was in effect
}

// Server is a running test server.
type Server struct {
	Addr string
	opts Options
	mu   sync.Mutex
	got  []Received
}

// Start runs a server on 127.0.0.1 until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	srv := &Server{opts: opts}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: srv, conn: c}, nil
	}))
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	if opts.Cert != nil {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*opts.Cert}}
	} else {
		s.AllowInsecureAuth = true
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Addr = l.Addr().String()
	if opts.Implicit && opts.Cert != nil {
		l = tls.NewListener(l, s.TLSConfig)
	}
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return srv
}

// Received returns the messages accepted so far.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

type session struct {
	srv   *Server
	conn  *smtp.Conn
	user  string
	rcpts []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if s.srv.opts.User == "" || user != s.srv.opts.User || pass != s.srv.opts.Password {
			return errors.New("bad credentials")
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.srv.opts.Refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	if s.srv.opts.Drop {
		_ = s.conn.Conn().Close()
		return errors.New("dropped")
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.got = append(s.srv.got, Received{Data: b, Rcpt: s.rcpts, User: s.user, TLS: isTLS})
	return nil
}

func (s *session) Reset()        { s.rcpts = nil }
func (s *session) Logout() error { return nil }
