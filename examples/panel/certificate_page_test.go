package main

import (
	"context"
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
