package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/internal/weburl"
	"github.com/jstore-sdk/sdk/jstore"
)

// WebhookConfig says where alerts are posted and how they are signed.
type WebhookConfig struct {
	// URL receives the alerts: https, or http on a loopback host.
	URL string
	// Secret signs them: "whsec_" followed by the base64 of 24 to 64 random bytes, as
	// Standard Webhooks' libraries make and read it. It never appears in an error.
	Secret string
	// HTTP sends the requests; nil means a client with a 10-second timeout.
	HTTP *http.Client
	// Now stamps each message (default time.Now); receivers refuse a stamp more than five
	// minutes away from their own clock.
	Now func() time.Time
}

// Webhook posts alerts, signed.
type Webhook struct {
	url  string
	key  []byte
	http *http.Client
	now  func() time.Time
}

var _ jstore.Notifier = (*Webhook)(nil)

// NewWebhook checks c: a URL that is https (or http on loopback) and a well-formed secret.
func NewWebhook(c WebhookConfig) (*Webhook, error) {
	u, err := url.Parse(c.URL)
	if err != nil || u.Host == "" || u.User != nil {
		return nil, errors.New("notify: NewWebhook: the URL must be absolute, without credentials")
	}
	if !weburl.Secure(u) {
		return nil, fmt.Errorf("notify: NewWebhook: %s://%s must use https", u.Scheme, u.Host)
	}
	key, err := secretKey(c.Secret)
	if err != nil {
		return nil, err
	}
	w := &Webhook{url: u.String(), key: key, http: c.HTTP, now: c.Now}
	if w.http == nil {
		w.http = &http.Client{Timeout: 10 * time.Second}
	}
	if w.now == nil {
		w.now = time.Now
	}
	return w, nil
}

// secretKey is the key a "whsec_" secret holds.
func secretKey(secret string) ([]byte, error) {
	raw, ok := strings.CutPrefix(secret, "whsec_")
	key, err := base64.StdEncoding.DecodeString(raw)
	if !ok || err != nil || len(key) < 24 || len(key) > 64 {
		return nil, errors.New(`notify: the webhook secret must be "whsec_" and the base64 of 24 to 64 bytes`)
	}
	return key, nil
}

// Payload is the JSON body of a webhook: the event type (alert.raised or alert.cleared), when
// it was sent, and the alert.
type Payload struct {
	Type      string       `json:"type"`
	Timestamp time.Time    `json:"timestamp"`
	Data      AlertPayload `json:"data"`
}

// AlertPayload is an alert as a receiver sees it: stable field names, both languages.
type AlertPayload struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`
	Account     string    `json:"account,omitempty"`
	Application string    `json:"application,omitempty"`
	Certificate string    `json:"certificate,omitempty"`
	Target      string    `json:"target,omitempty"`
	Names       []string  `json:"names,omitempty"`
	Code        string    `json:"code,omitempty"`
	ReasonJA    string    `json:"reason_ja"`
	ReasonEN    string    `json:"reason_en"`
	RaisedAt    time.Time `json:"raised_at"`
	ClearedAt   time.Time `json:"cleared_at,omitzero"`
}

// Notify posts the notice. Its webhook-id is the alert's ID and whether it is the raising or
// the clearing, the same on every retry, for the receiver to de-duplicate on.
func (w *Webhook) Notify(ctx context.Context, n jstore.Notice) error {
	a := n.Alert
	p := Payload{Type: "alert.raised", Timestamp: w.now().UTC(), Data: AlertPayload{ID: string(a.ID), Kind: string(a.Kind), Account: string(a.Account),
		Application: string(a.Application), Certificate: string(a.Certificate), Target: a.Target, Names: a.Names, Code: a.Code,
		ReasonJA: a.Reason.JA, ReasonEN: a.Reason.EN, RaisedAt: a.RaisedAt, ClearedAt: a.ClearedAt}}
	if n.Cleared {
		p.Type = "alert.cleared"
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	id := "msg_" + string(a.ID) + "_" + strings.TrimPrefix(p.Type, "alert.")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	stamp := strconv.FormatInt(p.Timestamp.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", stamp)
	req.Header.Set("webhook-signature", "v1,"+sign(w.key, id, stamp, body))
	resp, err := w.http.Do(req)
	if err != nil {
		return fmt.Errorf("notify: webhook: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &StatusError{Status: resp.StatusCode}
	}
	return nil
}

// StatusError is a receiver's answer other than 2xx; the alert is posted again after the
// back-off.
type StatusError struct{ Status int }

func (e *StatusError) Error() string {
	return fmt.Sprintf("notify: webhook: the receiver answered %d %s", e.Status, http.StatusText(e.Status))
}

// sign is the base64 HMAC-SHA256 of "id.timestamp.body" under key.
func sign(key []byte, id, stamp string, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + stamp + "."))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
