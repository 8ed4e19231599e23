package notify_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/notify"
)

// secret is the Standard Webhooks specification's test secret.
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

func alert() jstore.Alert {
	return jstore.Alert{ID: "alr_1", Account: "acct_1", Kind: jstore.AlertDeployFailed, Key: "deploy_failed:crt_1:web1", Certificate: "crt_1", Target: "web1",
		Names: []string{"www.example.jp"}, Code: "reload", RaisedAt: time.Date(2029, 3, 20, 1, 0, 0, 0, time.UTC),
		Reason: jstore.AlertReason{JA: "web1の再読み込みに失敗しました。", EN: "reloading web1 failed"}}
}

// receiver is a real HTTP server on loopback that answers with the statuses given, then 204,
// and keeps what it was sent.
type receiver struct {
	mu       sync.Mutex
	statuses []int
	got      []*http.Request
	bodies   [][]byte
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.got, rc.bodies = append(rc.got, r), append(rc.bodies, body)
	status := http.StatusNoContent
	if len(rc.statuses) > 0 {
		status, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	w.WriteHeader(status)
}

// TestWebhookSignature: what Notify posts verifies with the Standard Webhooks library and with
// Verify; the same message's id is kept on a retry after a 500; a tampered body, another
// secret or an old timestamp does not verify.
func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	rc := &receiver{statuses: []int{500}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	w, err := notify.NewWebhook(notify.WebhookConfig{URL: srv.URL + "/hooks/jstore", Secret: secret})
	require.NoError(t, err)

	err = w.Notify(t.Context(), jstore.Notice{Alert: alert()})
	var se *notify.StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 500, se.Status)
	require.NoError(t, w.Notify(t.Context(), jstore.Notice{Alert: alert()}))
	cleared := alert()
	cleared.ClearedAt = cleared.RaisedAt.Add(time.Hour)
	require.NoError(t, w.Notify(t.Context(), jstore.Notice{Alert: cleared, Cleared: true}))

	require.Len(t, rc.got, 3)
	assert.Equal(t, rc.got[0].Header.Get("webhook-id"), rc.got[1].Header.Get("webhook-id"), "a retry keeps its id")
	assert.NotEqual(t, rc.got[1].Header.Get("webhook-id"), rc.got[2].Header.Get("webhook-id"), "the clearing is another message")
	lib, err := standardwebhooks.NewWebhook(secret)
	require.NoError(t, err)
	for i, r := range rc.got {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.NoError(t, lib.Verify(rc.bodies[i], r.Header), "the specification's library verifies it")
		assert.NoError(t, notify.Verify(secret, r.Header, rc.bodies[i], time.Now()))
	}
	var p notify.Payload
	require.NoError(t, json.Unmarshal(rc.bodies[2], &p))
	assert.Equal(t, "alert.cleared", p.Type)
	assert.Equal(t, notify.AlertPayload{ID: "alr_1", Kind: "deploy_failed", Account: "acct_1", Certificate: "crt_1", Target: "web1", Names: []string{"www.example.jp"},
		Code: "reload", ReasonJA: "web1の再読み込みに失敗しました。", ReasonEN: "reloading web1 failed", RaisedAt: cleared.RaisedAt, ClearedAt: cleared.ClearedAt}, p.Data)

	h, body := rc.got[1].Header, rc.bodies[1]
	assert.ErrorIs(t, notify.Verify(secret, h, append([]byte(" "), body...), time.Now()), notify.ErrSignature, "a tampered body")
	assert.ErrorIs(t, notify.Verify("whsec_"+strings.Repeat("A", 32), h, body, time.Now()), notify.ErrSignature, "another secret")
	assert.ErrorIs(t, notify.Verify(secret, h, body, time.Now().Add(6*time.Minute)), notify.ErrSignature, "too old")
	assert.Error(t, lib.Verify(append([]byte(" "), body...), h))
}

// TestSignatureVector: the specification's test vector, signed by the library, verifies with
// Verify at its time.
func TestSignatureVector(t *testing.T) {
	t.Parallel()
	lib, err := standardwebhooks.NewWebhook(secret)
	require.NoError(t, err)
	at := time.Unix(1614265330, 0)
	sig, err := lib.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", at, []byte(`{"test": 2432232314}`))
	require.NoError(t, err)
	assert.Equal(t, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig)
	h := http.Header{}
	h.Set("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	h.Set("webhook-timestamp", "1614265330")
	h.Set("webhook-signature", "v1,bm9ub25zZW5zZQ== "+sig)
	assert.NoError(t, notify.Verify(secret, h, []byte(`{"test": 2432232314}`), at), "one of several signatures")
}

// TestWebhookConfig refuses what could not work or would leak.
func TestWebhookConfig(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]notify.WebhookConfig{
		"plain http":       {URL: "http://hooks.example.jp/x", Secret: secret},
		"credentials":      {URL: "https://u:p@hooks.example.jp/x", Secret: secret},
		"relative":         {URL: "/hooks", Secret: secret},
		"no prefix":        {URL: "https://hooks.example.jp/x", Secret: strings.TrimPrefix(secret, "whsec_")},
		"short secret":     {URL: "https://hooks.example.jp/x", Secret: "whsec_c2hvcnQ="},
		"not base64":       {URL: "https://hooks.example.jp/x", Secret: "whsec_!!!!"},
		"secret in errors": {URL: "ftp://hooks.example.jp/x", Secret: secret},
	} {
		_, err := notify.NewWebhook(c)
		require.Error(t, err, name)
		assert.NotContains(t, err.Error(), strings.TrimPrefix(secret, "whsec_"), name)
	}
	_, err := notify.NewWebhook(notify.WebhookConfig{URL: "http://127.0.0.1:9/x", Secret: secret})
	assert.NoError(t, err, "http on loopback")
}

// TestWebhookDown: a receiver that does not answer in time is an error, not a hang.
func TestWebhookDown(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer slow.Close()
	defer close(stop) // before Close, which waits for the handler
	w, err := notify.NewWebhook(notify.WebhookConfig{URL: slow.URL, Secret: secret, HTTP: &http.Client{Timeout: 200 * time.Millisecond}})
	require.NoError(t, err)
	began := time.Now()
	assert.Error(t, w.Notify(t.Context(), jstore.Notice{Alert: alert()}))
	assert.Less(t, time.Since(began), 5*time.Second)
}
