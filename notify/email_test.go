package notify_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/smtpmail/smtptest"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/notify"
)

// sent is what the SMTP server received: recipients, subject and body, one per message.
type sent struct {
	to            []string
	subject, body string
}

func mails(t *testing.T, srv *smtptest.Server) []sent {
	var out []sent
	for _, r := range srv.Received() {
		m, err := r.Parse()
		require.NoError(t, err)
		body := ""
		for _, p := range m.Parts {
			body += string(p.Data)
		}
		out = append(out, sent{to: r.Rcpt, subject: m.Subject, body: body})
	}
	return out
}

func mailer(t *testing.T) (*smtptest.Server, jstore.Mailer) {
	srv := smtptest.Start(t, smtptest.Options{})
	c, err := smtpmail.New(srv.Addr, smtpmail.WithoutTLS())
	require.NoError(t, err)
	return srv, c
}

// TestEmailToStaff: a real SMTP server receives the alert in Japanese, with the names, the
// reason, the time in Japanese and what to do; a clearing sends nothing.
func TestEmailToStaff(t *testing.T) {
	t.Parallel()
	srv, m := mailer(t)
	e, err := notify.NewEmail(notify.EmailConfig{Mailer: m, From: "ssl@panel.example.jp", Staff: []string{"ops@panel.example.jp"}})
	require.NoError(t, err)
	a := alert()
	a.Names = []string{"www.example.jp", "example.jp"}
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: a}))
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: a, Cleared: true}))
	got := mails(t, srv)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"ops@panel.example.jp"}, got[0].to)
	assert.Equal(t, "【SSL証明書】証明書をサーバーに配置できませんでした：www.example.jp、example.jp", got[0].subject)
	for _, want := range []string{"web1の再読み込みに失敗しました。", "ドメイン：www.example.jp、example.jp", "配置先：web1", "発生日時：2029年3月20日 10時00分",
		"配置先のサーバーの設定をご確認ください。"} {
		assert.Contains(t, got[0].body, want)
	}
	assert.NotContains(t, got[0].body, "reload", "no English inside the Japanese letter")
}

// TestEmailToCustomers: the customer is written to in its language; the panel's own alerts
// and a flagged issuance are for staff only.
func TestEmailToCustomers(t *testing.T) {
	t.Parallel()
	srv, m := mailer(t)
	e, err := notify.NewEmail(notify.EmailConfig{Mailer: m, From: "ssl@panel.example.jp", Customers: true})
	require.NoError(t, err)
	ja := &jstore.CustomerInfo{ContactName: "山田 太郎", Email: "taro@example.jp"}
	en := &jstore.CustomerInfo{ContactName: "Jane", Email: "jane@example.com", Language: message.English}
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: alert(), Customer: ja}))
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: alert(), Customer: en}))
	flagged := alert()
	flagged.Kind = jstore.AlertIssuanceFlagged
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: flagged, Customer: ja}))
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: alert()}), "the panel's own: no customer")
	chose := &jstore.CustomerInfo{ContactName: "山田 太郎", Email: "taro@example.jp", AlertEmails: []string{"ops@example.jp", "oncall@example.jp"}}
	require.NoError(t, e.Notify(t.Context(), jstore.Notice{Alert: alert(), Customer: chose}))
	got := mails(t, srv)
	require.Len(t, got, 3)
	assert.Equal(t, []string{"ops@example.jp", "oncall@example.jp"}, got[2].to, "the addresses the customer chose, instead of the contact")
	assert.Equal(t, []string{"taro@example.jp"}, got[0].to)
	assert.True(t, strings.HasPrefix(got[0].body, "山田 太郎 様\n"), got[0].body)
	assert.Equal(t, []string{"jane@example.com"}, got[1].to)
	assert.Equal(t, "[SSL certificate] The certificate could not be installed: www.example.jp", got[1].subject)
	assert.Contains(t, got[1].body, "Reloading web1 failed.")
	assert.Contains(t, got[1].body, "Since: 2029-03-20 10:00 JST")
}

// TestEmailConfig refuses a malformed recipient at configuration.
func TestEmailConfig(t *testing.T) {
	t.Parallel()
	_, m := mailer(t)
	for name, c := range map[string]notify.EmailConfig{
		"no mailer":       {From: "a@example.jp", Staff: []string{"b@example.jp"}},
		"nobody":          {Mailer: m, From: "a@example.jp"},
		"both":            {Mailer: m, From: "a@example.jp", Staff: []string{"b@example.jp"}, Customers: true},
		"bad staff":       {Mailer: m, From: "a@example.jp", Staff: []string{"ops at example.jp"}},
		"a list":          {Mailer: m, From: "a@example.jp", Staff: []string{"b@example.jp, c@example.jp"}},
		"a header":        {Mailer: m, From: "a@example.jp", Staff: []string{"b@example.jp\r\nBcc: x@evil.example"}},
		"a display name":  {Mailer: m, From: "Ops <a@example.jp>", Staff: []string{"b@example.jp"}},
		"an unknown lang": {Mailer: m, From: "a@example.jp", Staff: []string{"b@example.jp"}, StaffLang: "fr"},
	} {
		_, err := notify.NewEmail(c)
		assert.Error(t, err, name)
	}
}
