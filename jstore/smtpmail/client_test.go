package smtpmail_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/smtpmail/smtptest"
)

// selfSigned makes a server certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (*tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtp test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func message(attachment []byte) jstore.Message {
	return jstore.Message{
		From: "support@reseller.example", To: []string{"admin@example.jp", "ops@example.jp"},
		Subject:     "SSLサーバー証明書のお届け / Your SSL certificate: www.example.jp",
		Body:        "証明書をお送りします。\n",
		Attachments: []jstore.Attachment{{Name: "www_example_jp.fullchain.pem", ContentType: "application/x-pem-file", Data: attachment}},
	}
}

// TestSend: over STARTTLS with AUTH PLAIN, the message arrives with its Japanese subject and
// the attachment byte for byte.
func TestSend(t *testing.T) {
	t.Parallel()
	cert, pool := selfSigned(t)
	srv := smtptest.Start(t, smtptest.Options{Cert: cert, User: "panel", Password: "s3cret"})
	addr := srv.Addr
	attachment := bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), 40)
	c, err := smtpmail.New(addr, smtpmail.WithTLSConfig(&tls.Config{RootCAs: pool}), smtpmail.WithAuth("panel", "s3cret"))
	require.NoError(t, err)
	require.NoError(t, c.Send(t.Context(), message(attachment)))

	got := srv.Received()
	require.Len(t, got, 1)
	assert.Equal(t, []string{"admin@example.jp", "ops@example.jp"}, got[0].Rcpt)
	assert.Equal(t, "panel", got[0].User)
	assert.True(t, got[0].TLS, "STARTTLS before the message")
	m, err := got[0].Parse()
	require.NoError(t, err)
	_, err = m.Header.Date()
	assert.NoError(t, err, "a Date header")
	assert.Regexp(t, `^<[0-9a-f]{24}@reseller\.example>$`, m.Header.Get("Message-ID"))
	assert.Equal(t, "SSLサーバー証明書のお届け / Your SSL certificate: www.example.jp", m.Subject)
	require.Len(t, m.Parts, 2)
	assert.Equal(t, "base64", m.Parts[0].Header.Get("Content-Transfer-Encoding"))
	assert.Equal(t, "証明書をお送りします。\n", string(m.Parts[0].Data))
	assert.Equal(t, "www_example_jp.fullchain.pem", m.Parts[1].FileName)
	assert.Equal(t, attachment, m.Parts[1].Data)
	for _, line := range strings.Split(string(got[0].Data), "\r\n") {
		assert.LessOrEqual(t, len(line), 998, "RFC 5322 line limit")
	}
}

// TestSendFailures: every way a message does not go out is an error, and the secret is never
// in it.
func TestSendFailures(t *testing.T) {
	t.Parallel()
	cert, pool := selfSigned(t)
	tlsOpt := smtpmail.WithTLSConfig(&tls.Config{RootCAs: pool})
	tests := []struct {
		name   string
		srv    smtptest.Options
		opts   []smtpmail.Option
		msg    func(jstore.Message) jstore.Message
		expect string
	}{
		{name: "refused recipient", srv: smtptest.Options{Refuse: "ops@example.jp", Cert: cert}, opts: []smtpmail.Option{tlsOpt}, expect: "RCPT TO ops@example.jp"},
		{name: "wrong password", srv: smtptest.Options{Cert: cert, User: "panel", Password: "s3cret"}, opts: []smtpmail.Option{tlsOpt, smtpmail.WithAuth("panel", "wrong-pass")}, expect: "AUTH"},
		{name: "dropped connection", srv: smtptest.Options{Drop: true, Cert: cert}, opts: []smtpmail.Option{tlsOpt}, expect: "smtpmail"},
		{name: "no STARTTLS", expect: "no STARTTLS"},
		{name: "untrusted certificate", srv: smtptest.Options{Cert: cert}, expect: "STARTTLS"},
		{name: "header injection", srv: smtptest.Options{Cert: cert}, opts: []smtpmail.Option{tlsOpt},
			msg: func(m jstore.Message) jstore.Message { m.Subject += "\r\nBcc: x@evil.example"; return m }, expect: "line break"},
		{name: "no recipient", srv: smtptest.Options{Cert: cert}, opts: []smtpmail.Option{tlsOpt},
			msg: func(m jstore.Message) jstore.Message { m.To = nil; return m }, expect: "recipient"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.Start(t, tt.srv)
			c, err := smtpmail.New(srv.Addr, tt.opts...)
			require.NoError(t, err)
			m := message([]byte("data"))
			if tt.msg != nil {
				m = tt.msg(m)
			}
			err = c.Send(t.Context(), m)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.expect)
			assert.NotContains(t, err.Error(), "wrong-pass")
			assert.Empty(t, srv.Received(), "nothing was delivered")
		})
	}
}

// TestImplicitTLS: TLS from the first byte (port 465); a plain client to such a server fails.
func TestImplicitTLS(t *testing.T) {
	t.Parallel()
	cert, pool := selfSigned(t)
	srv := smtptest.Start(t, smtptest.Options{Cert: cert, Implicit: true, User: "panel", Password: "s3cret"})
	c, err := smtpmail.New(srv.Addr, smtpmail.WithImplicitTLS(), smtpmail.WithTLSConfig(&tls.Config{RootCAs: pool}), smtpmail.WithAuth("panel", "s3cret"))
	require.NoError(t, err)
	require.NoError(t, c.Send(t.Context(), message([]byte("data"))))
	got := srv.Received()
	require.Len(t, got, 1)
	assert.True(t, got[0].TLS)
	assert.Equal(t, "panel", got[0].User)

	ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond) // the server waits for a TLS handshake that never comes
	defer cancel()
	plain, err := smtpmail.New(srv.Addr, smtpmail.WithTLSConfig(&tls.Config{RootCAs: pool}))
	require.NoError(t, err)
	assert.Error(t, plain.Send(ctx, message([]byte("data"))))
	assert.Len(t, srv.Received(), 1)
}

// TestWithoutTLS: a local relay without STARTTLS is used only when asked for.
func TestWithoutTLS(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{})
	c, err := smtpmail.New(srv.Addr, smtpmail.WithoutTLS())
	require.NoError(t, err)
	require.NoError(t, c.Send(t.Context(), message([]byte("data"))))
	got := srv.Received()
	require.Len(t, got, 1)
	assert.False(t, got[0].TLS)
}

func TestNewRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func() error{
		"address":    func() error { _, err := smtpmail.New("no-port"); return err },
		"nil option": func() error { _, err := smtpmail.New("127.0.0.1:25", nil); return err },
		"no user":    func() error { _, err := smtpmail.New("127.0.0.1:25", smtpmail.WithAuth("", "x")); return err },
		"nil TLS":    func() error { _, err := smtpmail.New("127.0.0.1:25", smtpmail.WithTLSConfig(nil)); return err },
	} {
		assert.Error(t, f(), name)
	}
}
