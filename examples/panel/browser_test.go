package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

// chrome drives a headless Chromium on one panel, saving a screenshot of each page it checks
// in shots and recording every URL the pages ask for.
type chrome struct {
	t     *testing.T
	p     *testPanel
	ctx   context.Context
	shots string
	n     int
	mu    sync.Mutex
	urls  []string
	dl    string // downloads land here
}

// newChrome starts Chromium (Debian: chromium), or skips naming the package. Its screenshots go
// to a folder named for the test, and for part when given.
func newChrome(t *testing.T, p *testPanel, part ...string) *chrome {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if found, err := exec.LookPath(name); err == nil {
			path = found
			break
		}
	}
	if path == "" {
		testkit.Missing(t, "the browser tests need Chromium: apt-get install chromium")
	}
	shots := os.Getenv("PANEL_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "jstore-panel-screenshots", t.Name())
	}
	shots = filepath.Join(append([]string{shots}, part...)...)
	require.NoError(t, os.RemoveAll(shots))
	require.NoError(t, os.MkdirAll(shots, 0o755))
	t.Logf("screenshots: %s", shots)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	c := &chrome{t: t, p: p, ctx: ctx, shots: shots, dl: t.TempDir()}
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil {
			c.mu.Lock()
			c.urls = append(c.urls, e.Request.URL)
			c.mu.Unlock()
		}
	}))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	events := true
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: c.dl, EventsEnabled: &events})
	require.NoError(t, err)
	return c
}

// run performs actions, failing with the page's text when one fails (an expected element
// missing, say).
func (c *chrome) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		c.mu.Lock()
		last := c.urls[max(0, len(c.urls)-5):]
		c.mu.Unlock()
		c.t.Fatalf("%s: %v\nthe last requests: %v\nthe page says:\n%s", what, err, last, c.body())
	}
}

// value runs one action that returns a value, failing as run does.
func value[T any](c *chrome, what string, a chromedp.Action[T]) T {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		c.t.Fatalf("%s: %v\nthe page says:\n%s", what, err, c.body())
	}
	return v
}

// body is the page's text, for failure messages.
func (c *chrome) body() string {
	ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
	defer cancel()
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	return text
}

// click clicks sel and waits for the page it loads.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))(ctx, t)
		return err
	})
}

// page opens path, waits for sel and saves a screenshot named for the step.
func (c *chrome) page(name, path, sel string) {
	c.t.Helper()
	c.run(name, chromedp.Navigate(c.p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(sel)))
	c.shot(name)
}

func (c *chrome) shot(name string) {
	c.t.Helper()
	png := value(c, "screenshot "+name, chromedp.FullScreenshot(100)) // 100: PNG rather than JPEG
	c.n++
	require.NoError(c.t, os.WriteFile(filepath.Join(c.shots, fmt.Sprintf("%02d-%s.png", c.n, name)), png, 0o644))
}

func (c *chrome) text(sel string) string {
	c.t.Helper()
	return value(c, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// download clicks sel and waits for a file to land, returning its bytes.
func (c *chrome) download(name, sel string) []byte {
	c.t.Helper()
	before, _ := os.ReadDir(c.dl)
	c.run(name, chromedp.Click(chromedp.CSS(sel)))
	for range 100 {
		entries, _ := os.ReadDir(c.dl)
		for _, e := range entries {
			if len(entries) > len(before) && !strings.HasSuffix(e.Name(), ".crdownload") && !contains(before, e.Name()) {
				b, err := os.ReadFile(filepath.Join(c.dl, e.Name()))
				require.NoError(c.t, err)
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.t.Fatalf("%s: nothing was downloaded", name)
	return nil
}

func contains(es []os.DirEntry, name string) bool {
	for _, e := range es {
		if e.Name() == name {
			return true
		}
	}
	return false
}

// TestBrowser drives the panel in Chromium the way a customer does, and checks what only a
// browser shows: the pages load nothing from elsewhere and run no inline script.
func TestBrowser(t *testing.T) {
	p := newTestPanel(t)
	c := newChrome(t, p)

	c.page("login", "/login", "#login")
	c.run("log in", chromedp.SendKeys(chromedp.CSS(`input[name=login_id]`), demoLogin), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demoPassword),
		click("#login"), chromedp.WaitVisible(chromedp.CSS("#renewable")))
	c.shot("top")

	if p.app.renderer != nil {
		c.page("quote", "/quote", "#make-quote")
		c.run("fill the quote", chromedp.SetValue(chromedp.CSS(`input[name=recipient]`), "株式会社サンプル"))
		pdf := c.download("quote PDF", "#make-quote")
		assert.True(t, strings.HasPrefix(string(pdf), "%PDF-"), "a quote PDF")
	} else {
		testkit.Missing(t, "quote PDFs need a Japanese font: apt-get install fonts-ipaexfont-gothic")
	}

	// A new multi-domain application: a CSR error shown, then fixed.
	c.page("apply", "/apply", "#next")
	c.run("choose UCC", chromedp.SetValue(chromedp.CSS("#product"), "UCC_DV_SSL"), chromedp.SetValue(chromedp.CSS(`select[name=san_slots]`), "5"),
		click("#next"), chromedp.WaitVisible(chromedp.CSS("#csr")))
	c.shot("step1")
	c.run("paste a bad CSR", chromedp.SetValue(chromedp.CSS("#csr"), "-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----"),
		chromedp.SetValue(chromedp.CSS("#sans"), "shop.example.jp"), click("#save"), chromedp.WaitVisible(chromedp.CSS(".problem")))
	c.shot("step1-problem")
	assert.Contains(t, c.text(".problem"), "CSR", "the problem in Japanese beside the field")
	assert.Equal(t, "shop.example.jp", value(c, "the SANs", chromedp.Value(chromedp.CSS("#sans"))), "what was typed stays")
	c.run("paste a good CSR", chromedp.SetValue(chromedp.CSS("#csr"), testkit.CSR(t, nil, "www.example.jp")), click("#save"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=dcv]`)))
	c.shot("step2")
	c.run("DNS and the GoDaddy root", chromedp.Click(chromedp.CSS(`input[value=godaddy]`)), click("#save"), chromedp.WaitVisible(chromedp.CSS("#complete")))
	c.shot("cart")
	c.run("review the order", click("#complete"), chromedp.WaitVisible(chromedp.CSS("#place-order")))
	c.shot("confirm")
	assert.Contains(t, c.text("#confirm"), "10%対象", "the 確認 page shows the amounts by tax rate")
	c.run("order", click("#place-order"), chromedp.WaitVisible(chromedp.CSS("#ordered a")))
	c.shot("ordered")
	c.run("the DCV instructions", click("#ordered a"), chromedp.WaitVisible(chromedp.CSS("#dcv")))
	c.shot("dcv")
	c.run("今すぐ確認", click("#check"), chromedp.WaitVisible(chromedp.CSS("#status")))
	c.shot("dcv-checked")

	for range 3 {
		_, err := p.app.svc.Sync(t.Context())
		require.NoError(t, err)
		p.clk.Advance(time.Minute)
	}
	c.page("certificates", "/certificates", "#certificates")
	assert.Contains(t, c.text("#certificates"), "www.example.jp")
	c.run("open the certificate", click(`#certificates a`), chromedp.WaitVisible(chromedp.CSS("#downloads")))
	c.shot("certificate")
	u, err := url.Parse(value(c, "where", chromedp.Location()))
	require.NoError(t, err)
	certPath := u.Path
	chain := c.download("download the chain", `#downloads a[href$="format=chain"]`)
	assert.Contains(t, string(chain), "-----BEGIN CERTIFICATE-----")

	c.run("reissue under the other root", click("#reissue"), chromedp.WaitVisible(chromedp.CSS("#csr")),
		chromedp.SetValue(chromedp.CSS("#csr"), testkit.CSR(t, testkit.NewKey(t), "www.example.jp")), click("#save"),
		chromedp.WaitVisible(chromedp.CSS(`input[value=starfield]`)), chromedp.Click(chromedp.CSS(`input[value=starfield]`)), click("#save"),
		chromedp.WaitVisible(chromedp.CSS("#submit-reissue")))
	c.shot("reissue")
	c.run("submit the reissue", click("#submit-reissue"), chromedp.WaitNotPresent(chromedp.CSS("#submit-reissue")))
	for range 3 {
		_, err := p.app.svc.Sync(t.Context())
		require.NoError(t, err)
		p.clk.Advance(time.Minute)
	}
	c.page("reissued", certPath, "#history")
	assert.Contains(t, c.text("#history"), "再発行")

	c.page("seal", certPath+"?seal=ja&theme=light", "#seal")
	assert.Contains(t, c.text("#seal"), "siteseal", "the snippet is shown as text to copy")
	c.page("list", "/certificates", "#csv")
	assert.Contains(t, string(c.download("CSV", "#csv")), "www.example.jp")

	// A renewal whose organisation changed is refused, and the carry-over is offered.
	p.clk.Advance(330 * 24 * time.Hour)
	c.page("login-again", "/login", "#login")
	c.run("log in", chromedp.SendKeys(chromedp.CSS(`input[name=login_id]`), demoLogin), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demoPassword),
		click("#login"), chromedp.WaitVisible(chromedp.CSS("#renewable")))
	c.page("renewable", certPath, "#renew")
	c.run("renew", click("#renew"), chromedp.WaitVisible(chromedp.CSS("#csr")),
		chromedp.SetValue(chromedp.CSS("#csr"), testkit.CSR(t, nil, "www.example.jp")), chromedp.SetValue(chromedp.CSS(`input[name=org_name]`), "Renamed KK"),
		click("#save"), chromedp.WaitVisible(chromedp.CSS("#convert")))
	c.shot("renewal-refused")
	assert.Contains(t, c.text(".error"), "更新では組織名を変更できません。")
	c.run("take the carry-over", click("#convert"), chromedp.WaitVisible(chromedp.CSS("#csr")))
	c.shot("carry-over")
	c.page("cart-with-the-replacement", "/cart", ".remove")
	c.run("drop it for now", click(".remove"), chromedp.WaitVisible(chromedp.CSS("#renewable-left")))

	// A revocation inquiry, resolved on the staff page.
	c.page("inquiries", "/inquiries", "#send-inquiry")
	c.run("ask to revoke", chromedp.SetValue(chromedp.CSS(`textarea[name=message]`), "鍵が漏れました"), click("#send-inquiry"), chromedp.WaitVisible(chromedp.CSS(".notice")))
	c.shot("inquiry-sent")
	c.page("staff-login", "/staff", "#staff-login")
	c.run("staff logs in", chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demoStaffPassword), click("#staff-login"), chromedp.WaitVisible(chromedp.CSS(".inquiry")))
	c.shot("staff")
	c.run("decline", chromedp.SendKeys(chromedp.CSS(`.inquiry input[name=note]`), "別の方法で対応"), click(`.inquiry button[value=decline]`), chromedp.WaitVisible(chromedp.CSS(".notice")))
	c.shot("staff-resolved")

	// What only a browser shows: a POST without the form's token is refused, another
	// account's URL is 404, and nothing came from another site.
	// (fetch cannot even try: the CSP's default-src 'none' forbids it.)
	forged := `(() => { const f = document.createElement("form"); f.method = "post"; f.action = "/apply";
		const i = document.createElement("input"); i.name = "product"; i.value = "DV_SSL"; f.append(i); document.body.append(f); f.submit(); })()`
	c.run("a form without the token", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](forged))(ctx, t)
		return err
	}), chromedp.WaitVisible(chromedp.CSS(".error")))
	c.shot("csrf-refused")
	assert.Contains(t, c.text(".error"), "フォームの有効期限が切れました")
	_, err = p.app.svc.Register(t.Context(), jstore.RegisterRequest{LoginID: "other", Password: "other panel 2026",
		Customer: jstore.CustomerInfo{Company: "他社", ContactName: "他人 太郎", Email: "o@example.jp", Phone: "03-1111-1111"}})
	require.NoError(t, err)
	c.page("other-login", "/login", "#login")
	c.run("other logs in", chromedp.SendKeys(chromedp.CSS(`input[name=login_id]`), "other"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "other panel 2026"),
		click("#login"), chromedp.WaitVisible(chromedp.CSS("#renewable")))
	c.page("another-accounts-certificate", certPath, ".error")
	assert.Contains(t, c.text(".error"), "見つかりません。")

	c.mu.Lock()
	defer c.mu.Unlock()
	require.NotEmpty(t, c.urls)
	for _, u := range c.urls {
		assert.True(t, strings.HasPrefix(u, p.srv.URL+"/"), "a request to another site: %s", u)
	}
}
