package jstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/smtpmail/smtptest"
	"github.com/jstore-sdk/sdk/message"
)

// recordingMailer keeps what it was given, or fails with err.
type recordingMailer struct {
	mu   sync.Mutex
	sent []jstore.Message
	err  error
}

func (m *recordingMailer) Send(_ context.Context, msg jstore.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.sent = append(m.sent, msg)
	return nil
}

func deliveries(t *testing.T, svc *jstore.Service, acct jstore.AccountID, id jstore.CertificateID) []jstore.Event {
	t.Helper()
	hist, err := svc.History(t.Context(), acct, id, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	var out []jstore.Event
	for _, e := range hist.Items {
		if e.Type == jstore.EventCertificateDelivered {
			out = append(out, e)
		}
	}
	return out
}

// TestSendCertificate: the mail carries what Download hands over, in Japanese and English; the
// delivery is recorded only when the Mailer took it; a bad address or a failing Mailer sends
// and records nothing.
func TestSendCertificate(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	mailer := &recordingMailer{}
	svc := rig.service(t, jstore.WithMailer(mailer, "support@reseller.example"))
	ctx := t.Context()
	acct := rig.f.account(t, "mail")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "shop.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)

	require.NoError(t, svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatChain, "admin@example.jp", "Admin@Example.jp", "ops@example.jp"))
	require.Len(t, mailer.sent, 1)
	msg := mailer.sent[0]
	assert.Equal(t, "support@reseller.example", msg.From)
	assert.Equal(t, []string{"admin@example.jp", "ops@example.jp"}, msg.To, "an address given twice is sent once")
	assert.Equal(t, "SSLサーバー証明書のお届け / Your SSL certificate: www.example.jp", msg.Subject)
	assert.Contains(t, msg.Body, "シリアル番号: "+cert.SerialHex)
	assert.Equal(t, "2027-06-12 00:59", cert.NotAfter.UTC().Format("2006-01-02 15:04"), "the fixture's clock")
	assert.Contains(t, msg.Body, "有効期限: 2027年6月12日 9時59分（JST）")
	assert.Contains(t, msg.Body, "Valid until: 2027-06-12 00:59 UTC")
	want, err := svc.Download(ctx, acct, cert.ID, jstore.FormatChain)
	require.NoError(t, err)
	require.Len(t, msg.Attachments, 1)
	assert.Equal(t, want.FileName, msg.Attachments[0].Name)
	assert.Equal(t, want.Body, msg.Attachments[0].Data)
	got := deliveries(t, svc, acct, cert.ID)
	require.Len(t, got, 2)
	assert.Equal(t, map[string]string{"by": "email", "to": "admin@example.jp, ops@example.jp", "format": "chain", "serial": cert.SerialHex}, got[0].Detail)

	for _, to := range [][]string{
		nil,
		{"a@example.jp", "b@example.jp", "c@example.jp", "d@example.jp", "e@example.jp", "f@example.jp"},
		{"not an address"},
		{"Admin <admin@example.jp>"},
		{"admin@example.jp\r\nBcc: x@evil.example"},
		{"admin@example.jp, x@evil.example"},
	} {
		err := svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatChain, to...)
		var verr *jstore.ValidationError
		require.ErrorAs(t, err, &verr, "%q", to)
		assert.NotEmpty(t, verr.Problems[0].Message(message.Japanese))
		assert.NotContains(t, verr.Problems[0].Message(message.Japanese), "[", "no Go formatting in Japanese")
		assert.NotContains(t, verr.Problems[0].Message(message.Japanese), "\r", "no control character shown")
	}
	verr := requireValidation(t, svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatChain, "Admin <admin@example.jp>"))
	assert.Equal(t, "「Admin <admin@example.jp>」はメールアドレスとして使えません。名前を付けず、アドレスを1件ずつ指定してください。", verr.Problems[0].Message(message.Japanese))
	assert.Equal(t, "送信先は1件から5件までです。", requireValidation(t, svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatChain)).Problems[0].Message(message.Japanese))
	assert.ErrorIs(t, svc.SendCertificate(ctx, rig.f.account(t, "other"), cert.ID, jstore.FormatChain, "x@example.jp"), jstore.ErrNotFound)

	mailer.err = errors.New("451 try again later")
	err = svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatIIS, "admin@example.jp")
	require.ErrorIs(t, err, jstore.ErrNotSent)
	var serr *jstore.SendError
	require.ErrorAs(t, err, &serr)
	assert.Equal(t, []string{"admin@example.jp"}, serr.To)
	assert.ErrorIs(t, err, mailer.err)
	assert.Len(t, mailer.sent, 1, "no further mail")
	assert.Len(t, deliveries(t, svc, acct, cert.ID), 2, "a mail not sent is not a delivery")

	err = rig.service(t).SendCertificate(ctx, acct, cert.ID, jstore.FormatChain, "admin@example.jp")
	assert.ErrorContains(t, err, "WithMailer")

	mailer.err = nil
	rig.f.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	_, err = svc.StartRenewal(ctx, acct, cert.ID, jstore.Selection{Term: 1, SANSlots: 5})
	require.NoError(t, err)
	assert.ErrorIs(t, svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatChain, "admin@example.jp"), jstore.ErrCertificateLocked)
	_, err = svc.Download(ctx, acct, cert.ID, jstore.FormatChain)
	assert.ErrorIs(t, err, jstore.ErrCertificateLocked, "locked while the renewal is in the cart")
	assert.Len(t, mailer.sent, 1, "nothing sent for a locked certificate")
}

// TestDeliveryOfACertificateRecordedByHand: a certificate recorded without the CA
// (RecordIssuance) has nothing for the CA to deliver.
func TestDeliveryOfACertificateRecordedByHand(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	mailer := &recordingMailer{}
	svc := rig.service(t, jstore.WithMailer(mailer, "support@reseller.example"))
	acct := rig.f.account(t, "by-hand")
	cert := rig.f.issued(t, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1}, "www.example.jp")
	_, err := svc.Download(t.Context(), acct, cert.ID, jstore.FormatChain)
	assert.ErrorIs(t, err, jstore.ErrState)
	assert.ErrorIs(t, svc.SendCertificate(t.Context(), acct, cert.ID, jstore.FormatChain, "admin@example.jp"), jstore.ErrState)
	assert.Empty(t, mailer.sent)
	_, err = svc.Download(t.Context(), acct, "cert_missing", jstore.FormatChain)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
}

func TestWithMailerRefusesBadSender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, from := range []string{"", "nobody", "a@example.jp\r\nBcc: x@evil.example"} {
		_, err := jstore.New(f.store, jstore.WithMailer(&recordingMailer{}, from))
		assert.Error(t, err, from)
	}
	_, err := jstore.New(f.store, jstore.WithMailer(nil, "support@reseller.example"))
	assert.Error(t, err)
}

// TestSendCertificateOverSMTP: the whole way, through smtpmail to an SMTP server in the test
// process: the attachment that arrives is, byte for byte, what Download hands over.
func TestSendCertificateOverSMTP(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	srv := smtptest.Start(t, smtptest.Options{})
	m, err := smtpmail.New(srv.Addr, smtpmail.WithoutTLS())
	require.NoError(t, err)
	svc := rig.service(t, jstore.WithMailer(m, "support@reseller.example"))
	ctx := t.Context()
	acct := rig.f.account(t, "smtp")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1}, "www.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)

	require.NoError(t, svc.SendCertificate(ctx, acct, cert.ID, jstore.FormatPKCS7, "admin@example.jp"))
	want, err := svc.Download(ctx, acct, cert.ID, jstore.FormatPKCS7)
	require.NoError(t, err)
	got := srv.Received()
	require.Len(t, got, 1)
	msg, err := got[0].Parse()
	require.NoError(t, err)
	assert.Equal(t, "SSLサーバー証明書のお届け / Your SSL certificate: www.example.jp", msg.Subject)
	require.Len(t, msg.Parts, 2, "the note and the certificate")
	assert.Equal(t, want.FileName, msg.Parts[1].FileName)
	assert.Equal(t, want.Body, msg.Parts[1].Data)
}
