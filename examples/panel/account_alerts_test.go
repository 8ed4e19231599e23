package main

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/message"
)

// TestAlertRecipients: a customer chooses who receives alerts and in which language on the
// account page; a malformed address or more than five are refused beside the field, and
// saving the customer information keeps the choice.
func TestAlertRecipients(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	b.get("/account")
	status, _, page := b.post("/account/alerts", url.Values{"alert_emails": {"ops@example.jp\noncall@example.jp"}, "language": {"en"}})
	require.Equal(t, http.StatusOK, status, page)
	acct, err := p.app.svc.Authenticate(t.Context(), demoLogin, demoPassword)
	require.NoError(t, err)
	assert.Equal(t, []string{"ops@example.jp", "oncall@example.jp"}, acct.Customer.AlertEmails)
	assert.Equal(t, message.English, acct.Customer.Language)
	assert.Contains(t, page, "ops@example.jp\noncall@example.jp</textarea>")

	_, _, page = b.get("/account")
	status, _, _ = b.post("/account/customer", url.Values{"company": {"株式会社サンプル"}, "contact_name": {"山田太郎"}, "email": {"taro@example.jp"}, "phone": {"03-1234-5678"}})
	require.Equal(t, http.StatusOK, status)
	acct, err = p.app.svc.GetAccount(t.Context(), acct.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"ops@example.jp", "oncall@example.jp"}, acct.Customer.AlertEmails, "the customer form keeps the alert choice")
	assert.Contains(t, page, `id="alerts-form"`)

	b.get("/account")
	status, _, page = b.post("/account/alerts", url.Values{"alert_emails": {"ops at example.jp"}, "language": {"ja"}})
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, page, "メールアドレスの形式が正しくありません。")
	b.get("/account")
	status, _, page = b.post("/account/alerts", url.Values{"alert_emails": {"a@x.jp b@x.jp c@x.jp d@x.jp e@x.jp f@x.jp"}, "language": {"ja"}})
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, page, "アラートの宛先は5件までです。")
	acct, err = p.app.svc.GetAccount(t.Context(), acct.ID)
	require.NoError(t, err)
	assert.Len(t, acct.Customer.AlertEmails, 2, "a refused choice changes nothing")
}
