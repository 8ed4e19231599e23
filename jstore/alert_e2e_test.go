package jstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/files"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/smtpmail/smtptest"
	"github.com/jstore-sdk/sdk/notify"
	"github.com/jstore-sdk/sdk/tlscheck"
)

const webhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// hookReceiver is the panel's own endpoint: a real HTTP server on loopback that verifies each
// message with the Standard Webhooks library and keeps the verified ones, once per webhook-id.
type hookReceiver struct {
	t    *testing.T
	lib  *standardwebhooks.Webhook
	mu   sync.Mutex
	seen map[string]bool
	got  []notify.Payload
	bad  int
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.lib.Verify(body, r.Header); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if id := r.Header.Get("webhook-id"); !h.seen[id] {
		h.seen[id] = true
		var p notify.Payload
		assert.NoError(h.t, json.Unmarshal(body, &p))
		h.got = append(h.got, p)
	}
	w.WriteHeader(http.StatusNoContent)
}

// kinds counts the verified messages by type and kind.
func (h *hookReceiver) kinds() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := map[string]int{}
	for _, p := range h.got {
		n[p.Type+" "+p.Data.Kind]++
	}
	return n
}

// flakyPublisher fails every Publish while fail is set, as a DNS provider that is down.
type flakyPublisher struct {
	next dcv.Publisher
	fail atomic.Bool
}

func (p *flakyPublisher) Publish(ctx context.Context, c dcv.Challenge) (dcv.Publication, error) {
	if p.fail.Load() {
		return dcv.Publication{}, &dcv.Error{Code: dcv.CodeProvider, Domain: c.Domain, Err: errors.New("provider: 503 Service Unavailable")}
	}
	return p.next.Publish(ctx, c)
}

func (p *flakyPublisher) Remove(ctx context.Context, pub dcv.Publication) error {
	return p.next.Remove(ctx, pub)
}

// switchDeployer deploys through bad while broken is set: a real files deployer whose reload
// command fails.
type switchDeployer struct {
	good, bad deploy.Deployer
	broken    atomic.Bool
}

func (d *switchDeployer) Deploy(ctx context.Context, b deploy.Bundle) error {
	if d.broken.Load() {
		return d.bad.Deploy(ctx, b)
	}
	return d.good.Deploy(ctx, b)
}

// TestAlertsEndToEnd drives a subscription under the 2029 rules with a publisher in a real Knot
// DNS, a real nginx deployed to and checked over TLS, and injects a failure at each stage —
// the live site serving something else, the DNS provider down, nginx's reload failing, the CA
// denying an order. Each cause reaches staff by e-mail through a real SMTP server, the customer
// by e-mail, and the panel's webhook receiver (which verifies every signature) exactly once,
// however many passes it lasts, and its clearing reaches the webhook once.
func TestAlertsEndToEnd(t *testing.T) {
	t.Parallel()
	kr := newKnotRig(t)
	rig := kr.caRig
	rig.f.clock.Set(time.Date(2029, 3, 20, 1, 0, 0, 0, time.UTC))
	keys := heldKeys(t, rig)
	const site = "www.example.jp"
	is := testkit.NewIssuer(t)
	_, placeholder, placeholderKey := is.Leaf(t, 1, time.Now().AddDate(0, 1, 0), site)
	n := testkit.StartTLSNginx(t, func(string) ([]byte, []byte) { return placeholder, placeholderKey }, site)
	good, err := files.New(files.Config{Name: "web1", Dirs: []string{n.Dir}, FullChain: n.FullChain(site), Key: n.Key(site), Test: n.Test, Reload: n.Reload})
	require.NoError(t, err)
	bad, err := files.New(files.Config{Name: "web1", Dirs: []string{n.Dir}, FullChain: n.FullChain(site), Key: n.Key(site), Test: n.Test, Reload: []string{"false"}})
	require.NoError(t, err)
	web1 := &switchDeployer{good: good, bad: bad}
	pub := &flakyPublisher{next: kr.pub}

	smtp := smtptest.Start(t, smtptest.Options{})
	mailer, err := smtpmail.New(smtp.Addr, smtpmail.WithoutTLS())
	require.NoError(t, err)
	staff, err := notify.NewEmail(notify.EmailConfig{Mailer: mailer, From: "ssl@panel.example.jp", Staff: []string{"ops@panel.example.jp"}})
	require.NoError(t, err)
	customers, err := notify.NewEmail(notify.EmailConfig{Mailer: mailer, From: "ssl@panel.example.jp", Customers: true})
	require.NoError(t, err)
	lib, err := standardwebhooks.NewWebhook(webhookSecret)
	require.NoError(t, err)
	hooks := &hookReceiver{t: t, lib: lib, seen: map[string]bool{}}
	receiver := httptest.NewServer(hooks)
	defer receiver.Close()
	webhook, err := notify.NewWebhook(notify.WebhookConfig{URL: receiver.URL, Secret: webhookSecret})
	require.NoError(t, err)

	checker := &tlscheck.Checker{Timeout: 5 * time.Second, Now: rig.f.clock.Now}
	svc := rig.service(t, jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": web1}),
		jstore.WithDeployChecks(checker, map[string]string{"web1": n.Addr}), jstore.WithPublishers(pub), jstore.WithDCVResolver(kr.resolver),
		jstore.WithPlacementLease(time.Hour), jstore.WithNotifiers(map[string]jstore.Notifier{"mail": staff, "mail-customers": customers, "webhook": webhook}))
	ctx := t.Context()
	acct := rig.f.account(t, "alerts")
	cert := heldOrder(t, rig, svc, keys, acct, site)
	_, err = svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	pass := func(step time.Duration) {
		rig.f.clock.Set(rig.f.clock.Now().Add(step))
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	mails := func() map[string]int {
		n := map[string]int{}
		for _, r := range smtp.Received() {
			m, err := r.Parse()
			require.NoError(t, err)
			n[r.Rcpt[0]+" "+m.Subject]++
		}
		return n
	}
	served := func(c jstore.Certificate) bool {
		return checker.Check(ctx, tlscheck.Target{Name: site, Addr: n.Addr}, tlscheck.Want{Leaf: testkit.ParseLeaf(t, c.PEM), Roots: rig.roots[jstore.RootStarfield]}).OK()
	}
	// settled waits until the reload took effect and nginx's old workers, which still take
	// connections until they exit, are gone: the test's clock runs faster than that.
	settled := func(c jstore.Certificate, want bool) {
		require.Eventually(t, func() bool { return served(c) == want }, 5*time.Second, 20*time.Millisecond)
		n.WaitOldWorkers(t)
		require.Equal(t, want, served(c))
	}
	pass(0)
	settled(cert, true)
	pass(time.Minute) // the first check: served, no alert
	assert.Empty(t, mails(), "nothing went wrong yet")
	assert.Empty(t, hooks.kinds())

	// 1. Somebody puts another certificate on the server: one alert over three daily checks.
	require.NoError(t, os.WriteFile(n.FullChain(site), placeholder, 0o644))
	require.NoError(t, os.WriteFile(n.Key(site), placeholderKey, 0o600))
	require.NoError(t, exec.Command(n.Reload[0], n.Reload[1:]...).Run())
	settled(cert, false)
	for range 3 {
		pass(24 * time.Hour)
	}
	if !assert.Equal(t, map[string]int{"alert.raised served_other": 1}, hooks.kinds()) {
		page, _ := svc.Events(ctx, acct, jstore.ListOptions{Limit: 1000})
		for _, e := range page.Items {
			t.Logf("event %s %s %v", e.At, e.Type, e.Detail)
		}
	}
	assert.Equal(t, map[string]int{
		"ops@panel.example.jp 【SSL証明書】サイトで別の証明書が配信されています：" + site: 1,
		"taro@example.jp 【SSL証明書】サイトで別の証明書が配信されています：" + site:      1,
	}, mails())

	// 2. The reissue falls due while the DNS provider is down: one alert over several passes.
	due, needsDCV, ok := jstore.NextReissue(cert)
	require.True(t, ok)
	require.True(t, needsDCV)
	pub.fail.Store(true)
	rig.f.clock.Set(due)
	for range 6 {
		pass(2 * time.Minute)
		time.Sleep(50 * time.Millisecond) // the reissue's background start
	}
	assert.Equal(t, 1, hooks.kinds()["alert.raised validation_failed"], "%v", hooks.kinds())

	// 3. The provider is back, nginx's reload fails: the validation alert clears, one
	// deployment alert over several passes.
	web1.broken.Store(true)
	pub.fail.Store(false)
	var next jstore.Certificate
	require.Eventually(t, func() bool {
		pass(2 * time.Minute)
		next, err = svc.GetCertificate(ctx, acct, cert.ID)
		require.NoError(t, err)
		return next.SerialHex != cert.SerialHex && len(next.Deployments) == 1 && next.Deployments[0].Attempts >= 3
	}, 20*time.Second, 50*time.Millisecond, "reissued, and its deployment failing")
	kinds := hooks.kinds()
	assert.Equal(t, 1, kinds["alert.cleared validation_failed"])
	assert.Equal(t, 1, kinds["alert.raised deploy_failed"], "one alert for %d failed deployments", next.Deployments[0].Attempts)

	// 4. The reload works again: deployed, seen served; both alerts clear.
	web1.broken.Store(false)
	require.Eventually(t, func() bool {
		pass(2 * time.Minute)
		c, err := svc.GetCertificate(ctx, acct, cert.ID)
		require.NoError(t, err)
		return c.Deployments[0].Serial == next.SerialHex
	}, 20*time.Second, 50*time.Millisecond)
	settled(next, true)
	require.Eventually(t, func() bool {
		pass(2 * time.Minute)
		k := hooks.kinds()
		return k["alert.cleared deploy_failed"] == 1 && k["alert.cleared served_other"] == 1
	}, 20*time.Second, 50*time.Millisecond, "%v", hooks.kinds())

	// 5. The CA denies a second order: one alert however many passes follow.
	other, err := svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	require.NoError(t, err)
	other = rig.f.registered(t, acct, other, "shop.example.jp")
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{other.ID})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		other, err = svc.GetApplication(ctx, acct, other.ID)
		require.NoError(t, err)
		return other.CAOrderID != ""
	}, 5*time.Second, 20*time.Millisecond)
	require.NoError(t, rig.srv.Deny(string(other.CAOrderID), "vetting failed"))
	require.Eventually(t, func() bool {
		pass(10 * time.Minute)
		other, err = svc.GetApplication(ctx, acct, other.ID)
		require.NoError(t, err)
		return other.Status == jstore.StatusCancelled
	}, 20*time.Second, 20*time.Millisecond, "Sync closes the denied order")
	for range 3 {
		pass(time.Hour)
	}
	kinds = hooks.kinds()
	assert.Equal(t, 1, kinds["alert.raised issuance_failed"], "%v", kinds)

	// Every cause once, to each reader; none twice.
	assert.Equal(t, map[string]int{
		"alert.raised served_other": 1, "alert.cleared served_other": 1,
		"alert.raised validation_failed": 1, "alert.cleared validation_failed": 1,
		"alert.raised deploy_failed": 1, "alert.cleared deploy_failed": 1,
		"alert.raised issuance_failed": 1,
	}, kinds)
	assert.Zero(t, hooks.bad, "every message verified")
	for who := range map[string]bool{"ops@panel.example.jp": true, "taro@example.jp": true} {
		for _, title := range []string{"サイトで別の証明書が配信されています：" + site, "ドメイン認証の自動設定に失敗しました：" + site,
			"証明書をサーバーに配置できませんでした", "証明書が発行されませんでした"} {
			found := 0
			for subject, count := range mails() {
				if strings.HasPrefix(subject, who+" ") && strings.Contains(subject, title) {
					found += count
				}
			}
			assert.Equal(t, 1, found, "%s: %s in %v", who, title, mails())
		}
	}
	ev := countEvents(t, svc, acct)
	assert.Equal(t, 4, ev[jstore.EventAlertRaised])
	assert.Equal(t, 3, ev[jstore.EventAlertCleared])
}
