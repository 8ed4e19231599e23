package smtpmail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// Client sends messages through one SMTP server. It is safe for concurrent use; each message
// uses a connection of its own.
type Client struct {
	addr, host string
	auth       smtp.Auth
	tls        *tls.Config
	plain      bool
	implicit   bool // TLS from the first byte (port 465), not STARTTLS
}

var _ jstore.Mailer = (*Client)(nil)

// Option configures a Client.
type Option func(*Client) error

// WithAuth logs in with AUTH PLAIN, which net/smtp sends only over TLS (or to localhost).
func WithAuth(username, password string) Option {
	return func(c *Client) error {
		if username == "" {
			return errors.New("smtpmail: WithAuth: empty user name")
		}
		c.auth = smtp.PlainAuth("", username, password, c.host)
		return nil
	}
}

// WithTLSConfig sets the TLS configuration for STARTTLS (the default verifies the server's
// certificate for its host name against the system's roots). It is copied.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(c *Client) error {
		if cfg == nil {
			return errors.New("smtpmail: WithTLSConfig: nil config")
		}
		c.tls = cfg.Clone()
		if c.tls.ServerName == "" {
			c.tls.ServerName = c.host
		}
		return nil
	}
}

// WithImplicitTLS speaks TLS from the first byte, as submission over port 465 does, instead
// of upgrading with STARTTLS.
func WithImplicitTLS() Option {
	return func(c *Client) error {
		c.implicit = true
		return nil
	}
}

// WithoutTLS allows a server that does not offer STARTTLS (a relay on the same host); without
// it such a server is refused.
func WithoutTLS() Option {
	return func(c *Client) error {
		c.plain = true
		return nil
	}
}

// New returns a Client for the server at addr (host:port).
func New(addr string, opts ...Option) (*Client, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("smtpmail: New: %w", err)
	}
	c := &Client{addr: addr, host: host, tls: &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("smtpmail: New: nil option")
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Send delivers m: a refused address, login or message, or a dropped connection, is an error,
// and the message is then not delivered.
func (c *Client) Send(ctx context.Context, m jstore.Message) error {
	body, err := compose(m)
	if err != nil {
		return err
	}
	var conn net.Conn
	if c.implicit {
		conn, err = (&tls.Dialer{Config: c.tls}).DialContext(ctx, "tcp", c.addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", c.addr)
	}
	if err != nil {
		return fmt.Errorf("smtpmail: connect: %w", err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() }) // a cancelled ctx ends the conversation
	defer stop()
	deadline := time.Now().Add(time.Minute)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	_ = conn.SetDeadline(deadline)
	sc, err := smtp.NewClient(conn, c.host)
	if err != nil {
		return fmt.Errorf("smtpmail: greeting: %w", err)
	}
	defer sc.Close()
	if !c.implicit {
		if err := c.startTLS(sc); err != nil {
			return err
		}
	}
	if c.auth != nil {
		if err := sc.Auth(c.auth); err != nil {
			return fmt.Errorf("smtpmail: AUTH: %w", err)
		}
	}
	if err := sc.Mail(m.From); err != nil {
		return fmt.Errorf("smtpmail: MAIL FROM: %w", err)
	}
	for _, to := range m.To {
		if err := sc.Rcpt(to); err != nil {
			return fmt.Errorf("smtpmail: RCPT TO %s: %w", to, err)
		}
	}
	w, err := sc.Data()
	if err != nil {
		return fmt.Errorf("smtpmail: DATA: %w", err)
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("smtpmail: message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtpmail: message refused: %w", err)
	}
	return sc.Quit()
}

// startTLS upgrades the connection, or refuses a server without STARTTLS unless WithoutTLS.
func (c *Client) startTLS(sc *smtp.Client) error {
	if ok, _ := sc.Extension("STARTTLS"); ok {
		if err := sc.StartTLS(c.tls); err != nil {
			return fmt.Errorf("smtpmail: STARTTLS: %w", err)
		}
		return nil
	}
	if !c.plain {
		return errors.New("smtpmail: the server offers no STARTTLS (use WithoutTLS for a local relay)")
	}
	return nil
}

// compose builds the MIME message: the text as base64 UTF-8, each attachment as base64.
func compose(m jstore.Message) ([]byte, error) {
	if m.From == "" || len(m.To) == 0 {
		return nil, errors.New("smtpmail: a message needs a sender and a recipient")
	}
	for _, a := range append([]string{m.From, m.Subject}, m.To...) {
		if strings.ContainsAny(a, "\r\n") {
			return nil, errors.New("smtpmail: a header holds a line break")
		}
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	var id [12]byte
	_, _ = rand.Read(id[:])
	fmt.Fprintf(&buf, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%x@%s>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=%q\r\n\r\n",
		m.From, strings.Join(m.To, ", "), mime.BEncoding.Encode("UTF-8", m.Subject), time.Now().Format(time.RFC1123Z),
		id, domainOf(m.From), mw.Boundary())
	text, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=UTF-8"}, "Content-Transfer-Encoding": {"base64"}})
	if err != nil {
		return nil, err
	}
	if err := writeBase64(text, []byte(m.Body)); err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		part, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(a.ContentType, map[string]string{"name": a.Name})},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		if err := writeBase64(part, a.Data); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// domainOf is the domain of an address, for the Message-ID.
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}

// writeBase64 writes data in base64 lines of 76 characters (RFC 2045).
func writeBase64(w interface{ Write([]byte) (int, error) }, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(76, len(enc))
		if _, err := w.Write([]byte(enc[:n] + "\r\n")); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}
