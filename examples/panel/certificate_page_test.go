package main

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// TestCertificatePage: the certificate page names the product, the domains, the serial, the
// root, the subscription's end beside the certificate's and the next free reissue, explains
// why they differ, words the download formats in the reader's language, and shows where the
// certificate is installed and what each live site serves.
func TestCertificatePage(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	path := b.issue("www.example.jp", nil)
	id := jstore.CertificateID(path[strings.LastIndex(path, "/")+1:])
	acct, err := p.app.svc.Authenticate(t.Context(), demoLogin, demoPassword)
	require.NoError(t, err)
	cert, err := p.app.svc.GetCertificate(t.Context(), acct.ID, id)
	require.NoError(t, err)

	_, _, page := b.get(path)
	for _, want := range []string{"商品", "ドメイン", "シリアル番号", cert.SerialHex, "契約終了日", "業界の規則により", "サーバー証明書と中間証明書", "nginx用一式（ZIP）"} {
		assert.Contains(t, page, want)
	}
	assert.Contains(t, page, message.Day{T: cert.SubscriptionEnd, Zone: p.app.svc.Location()}.Render(message.Japanese))
	for _, bare := range []string{">certificate<", ">chain<", ">pkcs7<", ">apache<", ">nginx<", ">iis<"} {
		assert.NotContains(t, page, bare, "no bare format identifier")
	}
	assert.NotContains(t, page, `id="deployments"`, "no targets, no section")

	// Two targets, as Sync records them: one serving the certificate, one serving another.
	checked := p.clk.Now()
	require.NoError(t, p.app.store.Update(context.Background(), func(tx jstore.Tx) error {
		c, err := tx.GetCertificate(t.Context(), acct.ID, id)
		if err != nil {
			return err
		}
		c.Deployments = []jstore.Deployment{
			{Target: "web1", Serial: c.SerialHex, DeployedAt: checked.Add(-time.Hour), CheckedAt: checked, Served: c.SerialHex},
			{Target: "web2", Serial: c.SerialHex, DeployedAt: checked.Add(-time.Hour), CheckedAt: checked, Served: "1", Problems: []string{"other_certificate"}},
		}
		return tx.UpdateCertificate(t.Context(), &c)
	}))
	_, _, page = b.get(path)
	assert.Contains(t, page, `id="deployments"`)
	assert.Contains(t, page, "この証明書が配信されています")
	assert.Contains(t, page, "別の証明書が配信されています")
	b.get("/lang?to=en&back=" + path)
	_, _, page = b.get(path)
	assert.Contains(t, page, "another certificate is served")
	assert.Contains(t, page, "Subscription ends")
	assert.Contains(t, page, "For nginx (zip)")
}

// TestRenewableListPages: 証明書申請 lists every renewable certificate a hundred at a time,
// soonest end first, however many the account holds — not only those among its first
// thousand certificates.
func TestRenewableListPages(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	acct, err := p.app.svc.Authenticate(t.Context(), demoLogin, demoPassword)
	require.NoError(t, err)
	now := p.clk.Now()
	require.NoError(t, p.app.store.Update(context.Background(), func(tx jstore.Tx) error {
		for i := range 1500 {
			end := now.AddDate(1, 0, 0) // not renewable yet
			if i >= 1350 {
				end = now.AddDate(0, 0, 10+i%20) // the last 150 created are renewable
			}
			c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt_page%04d", i)), Account: acct.ID, Status: jstore.CertIssued,
				CommonName: fmt.Sprintf("www%04d.example.jp", i), NotBefore: now, NotAfter: end, SubscriptionEnd: end, CreatedAt: now}
			if err := tx.CreateCertificate(t.Context(), &c); err != nil {
				return err
			}
		}
		return nil
	}))
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	_, _, first := b.get("/apply")
	assert.Equal(t, 100, strings.Count(first, `<td><a href="/certificates/crt_page`))
	next := regexp.MustCompile(`id="renewable-next" href="([^"]+)"`).FindStringSubmatch(first)
	require.Len(t, next, 2, "a link to the next hundred")
	_, _, second := b.get(html.UnescapeString(next[1]))
	assert.Equal(t, 50, strings.Count(second, `<td><a href="/certificates/crt_page`))
	assert.NotContains(t, second, `id="renewable-next"`)
}
