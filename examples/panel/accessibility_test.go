package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// axeScript is axe-core's script (npm axe-core): JSTORE_AXE names it, else the place .ci/run
// installs it. Without it the test skips naming the package, and fails under
// JSTORE_REQUIRE_INTEGRATION=1.
func axeScript(t *testing.T) string {
	path := os.Getenv("JSTORE_AXE")
	if path == "" {
		home, _ := os.UserHomeDir()
		path = filepath.Join(home, ".cache", "jstore-axe", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		testkit.Missing(t, "the accessibility test needs axe-core: npm install --prefix ~/.cache/jstore-axe axe-core (or set JSTORE_AXE to axe.min.js)")
	}
	return string(b)
}

// finding is what the page check reports.
type finding struct {
	Overflow  int      `json:"overflow"`  // how far the page is wider than the window, in CSS pixels
	Unlabeled []string `json:"unlabeled"` // controls without a label
	Axe       []struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Nodes  []string `json:"nodes"`
	} `json:"axe"`
}

// checkPage measures horizontal overflow, lists inputs, selects and textareas no label names,
// and runs axe-core, keeping its serious and critical violations.
const checkPage = `(async () => {
  const out = {overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), unlabeled: [], axe: []};
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(el.type)) continue;
    const named = el.labels && el.labels.length > 0 || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) out.unlabeled.push(el.outerHTML.slice(0, 120));
  }
  const r = await axe.run(document, {resultTypes: ['violations']});
  for (const v of r.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      out.axe.push({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))});
    }
  }
  return JSON.stringify(out);
})()`

// TestAccessibility walks every page a customer and staff see, in Japanese and English, at a
// desktop width (1280 px) and a phone's (390 px), and fails on horizontal overflow, on an input,
// select or textarea without a label, and on any serious or critical axe-core finding. A
// screenshot of each is saved under $TMPDIR/jstore-panel-screenshots/TestAccessibility/
// (or PANEL_SCREENSHOTS), in customer/ and visitor/.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	axe := axeScript(t)
	p := newTestPanel(t)
	c := newChrome(t, p, "customer")

	// What the pages show: an issued certificate, an item in the cart, an inquiry.
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	cert := b.issue("www.example.jp", nil)
	app := b.registered("shop.example.jp", nil)

	c.run("log in", chromedp.Navigate(p.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=login_id]`)),
		chromedp.SetValue(chromedp.CSS(`input[name=login_id]`), demoLogin), chromedp.SetValue(chromedp.CSS(`input[name=password]`), demoPassword),
		click("form[action='/login'] button"))
	pages := []string{"/", "/apply", "/quote", "/cart", "/applications/" + app + "/step1", "/applications/" + app + "/step2", "/applications/" + app,
		"/certificates", cert, cert + "?seal=ja&theme=light", "/invoices", "/account", "/inquiries", "/staff"}
	for _, lang := range []string{"ja", "en"} {
		c.run("language "+lang, chromedp.Navigate(p.srv.URL+"/lang?to="+lang+"&back=/"), chromedp.WaitVisible(chromedp.CSS("body")))
		for _, width := range []int64{1280, 390} {
			for _, path := range pages {
				name := fmt.Sprintf("%s-%d-%s", lang, width, strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-").Replace(strings.TrimPrefix(path, "/")))
				c.run(name, chromedp.EmulateViewport(width, 900), chromedp.Navigate(p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("main, body")))
				c.shot(name)
				checkOne(t, c, axe, name)
			}
		}
	}
	// The pages before login, and staff's.
	anon := newChrome(t, p, "visitor")
	for _, lang := range []string{"ja", "en"} {
		anon.run("language "+lang, chromedp.Navigate(p.srv.URL+"/lang?to="+lang+"&back="+url.QueryEscape("/login")), chromedp.WaitVisible(chromedp.CSS("body")))
		for _, width := range []int64{1280, 390} {
			for _, path := range []string{"/login", "/staff"} {
				name := fmt.Sprintf("anonymous-%s-%d-%s", lang, width, strings.TrimPrefix(path, "/"))
				anon.run(name, chromedp.EmulateViewport(width, 900), chromedp.Navigate(p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("body")))
				anon.shot(name)
				checkOne(t, anon, axe, name)
			}
		}
	}
	// Staff's own pages, the invoice search with what it found.
	anon.run("staff login", chromedp.Navigate(p.srv.URL+"/staff"), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)),
		chromedp.SetValue(chromedp.CSS(`input[name=password]`), demoStaffPassword), click("form[action='/staff/login'] button"))
	for _, lang := range []string{"ja", "en"} {
		anon.run("staff language "+lang, chromedp.Navigate(p.srv.URL+"/lang?to="+lang+"&back="+url.QueryEscape("/staff")), chromedp.WaitVisible(chromedp.CSS("body")))
		for _, width := range []int64{1280, 390} {
			for _, path := range []string{"/staff", "/staff/invoices?customer=" + url.QueryEscape("株式会社")} {
				name := fmt.Sprintf("staff-%s-%d-%s", lang, width, strings.NewReplacer("/", "_", "?", "_", "=", "-", "%", "").Replace(strings.TrimPrefix(path, "/")))
				anon.run(name, chromedp.EmulateViewport(width, 900), chromedp.Navigate(p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("main")))
				anon.shot(name)
				checkOne(t, anon, axe, name)
			}
		}
	}
}

// checkOne injects axe-core into the page and reports what checkPage finds.
func checkOne(t *testing.T, c *chrome, axe, name string) {
	t.Helper()
	value(c, "inject axe-core", chromedp.Evaluate[bool](axe+";true"))
	raw := value(c, "check "+name, chromedp.Evaluate[string](checkPage, chromedp.EvalAwaitPromise))
	var f finding
	require.NoError(t, json.Unmarshal([]byte(raw), &f))
	assert.Zero(t, f.Overflow, "%s: the page is %d px wider than the window", name, f.Overflow)
	assert.Empty(t, f.Unlabeled, "%s: controls without a label", name)
	for _, v := range f.Axe {
		t.Errorf("%s: axe %s (%s): %s: %v", name, v.ID, v.Impact, v.Help, v.Nodes)
	}
}
