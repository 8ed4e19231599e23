package jstore

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/jstore-sdk/sdk/message"
)

var errNoMailer = errors.New("jstore: no Mailer configured (use WithMailer)")

// maxRecipients bounds one SendCertificate; a certificate goes to its administrators, not a list.
const maxRecipients = 5

// SendError says a certificate mail did not go out. It unwraps to ErrNotSent and the Mailer's
// error.
type SendError struct {
	Certificate CertificateID
	To          []string
	Err         error
}

func (e *SendError) Error() string {
	return fmt.Sprintf("jstore: certificate %s was not sent to %s: %v", e.Certificate, strings.Join(e.To, ", "), e.Err)
}

// Message says who the mail did not reach, in lang.
func (e *SendError) Message(lang message.Lang) string {
	to := make(message.List, len(e.To))
	for i, a := range e.To {
		to[i] = message.Literal(a)
	}
	return problemTexts["mail_not_sent"].Render(lang, []message.Arg{arg("to", to)})
}

func (e *SendError) Unwrap() []error { return []error{ErrNotSent, e.Err} }

// SendCertificate mails the certificate in format to the addresses in to, with a note in
// Japanese and English — the delivery the portal's 発行済証明書再取得 offers by e-mail. The
// certificate is fetched and verified as [Service.Download] does; the delivery is recorded in
// its history (by=email, to) only once the Mailer accepted the message. A bad address is
// ErrInvalid, a Mailer's failure a *SendError (ErrNotSent), and without WithMailer the call
// is refused.
func (s *Service) SendCertificate(ctx context.Context, account AccountID, id CertificateID, format DeliveryFormat, to ...string) error {
	if s.ful.mailer == nil {
		return errNoMailer
	}
	addrs, err := recipients(to)
	if err != nil {
		return err
	}
	d, c, err := s.deliverable(ctx, account, id, format)
	if err != nil {
		return err
	}
	msg := certificateMail(s.ful.mailFrom, addrs, c, d, s.loc)
	if err := s.ful.mailer.Send(ctx, msg); err != nil {
		return &SendError{Certificate: id, To: addrs, Err: err}
	}
	return s.recordDelivery(ctx, account, c, format, map[string]string{"by": "email", "to": strings.Join(addrs, ", ")})
}

// recipients checks each address: one mailbox, no display name, nothing a header could carry
// further; duplicates are sent once.
func recipients(to []string) ([]string, error) {
	if len(to) == 0 || len(to) > maxRecipients {
		return nil, invalid("mail_recipients", "to", arg("min", count(1, message.Addresses)), arg("max", count(maxRecipients, message.Addresses)))
	}
	var out []string
	for _, raw := range to {
		if len(raw) > maxEmailBytes {
			return nil, invalid("too_long", "to", arg("field", fieldName("to")), arg("max", count(maxEmailBytes, message.Bytes)))
		}
		a, err := mail.ParseAddress(raw)
		if err != nil || a.Name != "" || a.Address != strings.TrimSpace(raw) || strings.ContainsAny(raw, "\r\n,;") {
			shown := strings.Map(func(r rune) rune {
				if unicode.IsControl(r) {
					return '?'
				}
				return r
			}, raw)
			return nil, invalid("mail_address", "to", arg("address", message.Quoted(shown)))
		}
		if !slices.ContainsFunc(out, func(v string) bool { return strings.EqualFold(v, a.Address) }) {
			out = append(out, a.Address)
		}
	}
	return out, nil
}

// certificateMail is the message: subject and body in Japanese first, then English.
func certificateMail(from string, to []string, c Certificate, d Delivery, loc *time.Location) Message {
	body := fmt.Sprintf(`SSLサーバー証明書をお送りします。

コモンネーム: %[1]s
シリアル番号: %[2]s
有効期限: %[3]s
添付ファイル: %[4]s

秘密鍵はこのメールに含まれていません。お手元の秘密鍵と組み合わせてご利用ください。

----
Your SSL server certificate is attached.

Common name: %[1]s
Serial number: %[2]s
Valid until: %[5]s
Attachment: %[4]s

The private key is not part of this mail; install the certificate with the key you kept.
`, c.CommonName, c.SerialHex, message.Instant{T: c.NotAfter, Zone: loc}.Render(message.Japanese), d.FileName, c.NotAfter.UTC().Format("2006-01-02 15:04 MST"))
	return Message{
		From:        from,
		To:          to,
		Subject:     "SSLサーバー証明書のお届け / Your SSL certificate: " + c.CommonName,
		Body:        body,
		Attachments: []Attachment{{Name: d.FileName, ContentType: d.ContentType, Data: d.Body}},
	}
}
