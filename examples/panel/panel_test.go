package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// testPanel is the panel on a SQLite file and the simulator, served by httptest.
type testPanel struct {
	app *app
	srv *httptest.Server
	clk *testkit.Clock
	db  string // the SQLite file
}

func newTestPanel(t testing.TB, opts ...func(*config)) *testPanel {
	t.Helper()
	clk := testkit.NewClock(time.Now())
	// Passwords hash at a test's cost: the default (64 MiB, three passes) is tested in jstore.
	cheap := jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 1024, Threads: 1})
	cfg := config{sqlite: filepath.Join(t.TempDir(), "panel.db"), caEnv: "simulator", staff: demoStaffPassword, now: clk.Now, serviceOpt: []jstore.Option{cheap}}
	for _, o := range opts {
		o(&cfg)
	}
	d, err := wire(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(d.close)
	require.NoError(t, demoAccount(t.Context(), d.svc))
	a, err := newApp(t.Context(), d, cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	return &testPanel{app: a, srv: srv, clk: clk, db: cfg.sqlite}
}

// visitor is a client with its own cookies that does not follow redirects, so a test sees
// each answer.
type visitor struct {
	t    testing.TB
	p    *testPanel
	c    *http.Client
	csrf string
}

func (p *testPanel) visitor(t testing.TB) *visitor {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &visitor{t: t, p: p, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do sends a request and returns the status, the Location and the body, keeping the page's
// CSRF token for the next form.
func (b *visitor) do(method, path string, form url.Values) (int, string, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(b.t.Context(), method, b.p.srv.URL+path, body)
	require.NoError(b.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	assert.Equal(b.t, csp, resp.Header.Get("Content-Security-Policy"), "%s %s", method, path)
	if m := csrfField.FindSubmatch(page); m != nil {
		b.csrf = string(m[1])
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(page)
}

func (b *visitor) get(path string) (int, string, string) { return b.do(http.MethodGet, path, nil) }

// post submits a form with the last page's CSRF token.
func (b *visitor) post(path string, form url.Values) (int, string, string) {
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", b.csrf)
	return b.do(http.MethodPost, path, form)
}

func (b *visitor) login(loginID, password string) (int, string, string) {
	b.get("/login")
	return b.post("/login", url.Values{"login_id": {loginID}, "password": {password}})
}

// TestPanelFlow walks a customer through the portal: login, a new application whose CSR is
// refused (a private key pasted: the problem in Japanese, the key not sent back) and then
// accepted, DCV and root, the cart, the order, issuance after Sync, the list and a download.
func TestPanelFlow(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	status, loc, _ := b.get("/")
	assert.Equal(t, http.StatusSeeOther, status, "a page needs a login")
	assert.Equal(t, "/login", loc)

	status, loc, _ = b.login(demoLogin, demoPassword)
	require.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/", loc)
	status, _, top := b.get("/")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, top, "更新可能な証明書")

	b.get("/apply")
	status, loc, _ = b.post("/apply", url.Values{"product": {"DV_SSL"}, "term": {"1"}, "san_slots": {"0"}})
	require.Equal(t, http.StatusSeeOther, status)
	step1 := loc
	require.True(t, strings.HasSuffix(step1, "/step1"), step1)

	b.get(step1)
	pasted := "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
	status, _, page := b.post(step1, url.Values{"csr": {pasted}})
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, page, "秘密鍵が貼り付けられています")
	assert.NotContains(t, page, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "the key is not sent back")

	csr := testkit.CSR(t, nil, "www.example.jp")
	status, loc, _ = b.post(step1, url.Values{"csr": {csr}})
	require.Equal(t, http.StatusSeeOther, status)
	b.get(loc)
	status, loc, _ = b.post(loc, url.Values{"dcv": {"dns"}, "root": {"starfield"}})
	require.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/cart", loc)

	_, _, cart := b.get("/cart")
	assert.Contains(t, cart, "登録済み（訂正）", "the manual's words for a registered item")
	assert.Contains(t, cart, "ドメイン認証SSL 1年", "the term in words, not a bare 1")
	assert.NotContains(t, cart, "あと0件", "no renewable count when there is none")
	id := regexp.MustCompile(`name="item" value="([^"]+)"`).FindStringSubmatch(cart)
	require.NotNil(t, id, cart)
	status, _, ordered := b.post("/cart/order", url.Values{"item": {id[1]}})
	require.Equal(t, http.StatusOK, status, ordered)
	assert.Contains(t, ordered, "注文を受け付けました。")
	assert.Regexp(t, `ご注文の合計は¥\d{1,3}(,\d{3})*（税込）です。`, ordered, "the total with separators")
	assert.NotContains(t, ordered, "ord_", "no internal order ID")
	assert.Contains(t, ordered, "www.example.jpのドメイン認証の手順", "each link names its domain")

	for range 3 { // place, then read the issued certificate
		_, err := p.app.svc.Sync(t.Context())
		require.NoError(t, err)
	}
	_, _, list := b.get("/certificates")
	assert.Contains(t, list, "www.example.jp")
	assert.Contains(t, list, "発行済")
	assert.Regexp(t, `<td>\d{4}年\d{1,2}月\d{1,2}日</td>`, list, "dates in Japanese")
	certID := regexp.MustCompile(`href="/certificates/([^"]+)"`).FindStringSubmatch(list)
	require.NotNil(t, certID, list)
	status, _, chain := b.get("/certificates/" + certID[1] + "/download?format=chain")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, chain, "-----BEGIN CERTIFICATE-----")

	b.get("/lang?to=en&back=/cart")
	_, _, en := b.get("/cart")
	assert.Contains(t, en, "The cart is empty.", "the English switch")
}

// TestPanelSecurity: a POST without the CSRF token is refused, another account's record is 404,
// the session ID changes at login, an idle session ends, repeated wrong passwords lock the
// login ID, and no page has an inline script or loads one from elsewhere.
func TestPanelSecurity(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	owner := p.visitor(t)
	owner.login(demoLogin, demoPassword)
	owner.get("/apply")
	_, loc, _ := owner.post("/apply", url.Values{"product": {"DV_SSL"}, "term": {"1"}})
	require.NotEmpty(t, loc)

	t.Run("no CSRF token", func(t *testing.T) {
		status, _, page := owner.do(http.MethodPost, "/apply", url.Values{"product": {"DV_SSL"}, "term": {"1"}})
		assert.Equal(t, http.StatusForbidden, status)
		assert.Contains(t, page, "フォームの有効期限が切れました")
	})
	t.Run("another account's URL", func(t *testing.T) {
		_, err := p.app.svc.Register(t.Context(), jstore.RegisterRequest{LoginID: "other", Password: "other panel 2026",
			Customer: jstore.CustomerInfo{Company: "他社", ContactName: "他人 太郎", Email: "o@example.jp", Phone: "03-1111-1111"}})
		require.NoError(t, err)
		other := p.visitor(t)
		other.login("other", "other panel 2026")
		for _, path := range []string{loc, strings.TrimSuffix(loc, "/step1"), "/certificates/crt_nosuch"} {
			status, _, _ := other.get(path)
			assert.Equal(t, http.StatusNotFound, status, path)
		}
	})
	t.Run("session rotates at login", func(t *testing.T) {
		b := p.visitor(t)
		b.get("/login")
		u, _ := url.Parse(p.srv.URL)
		before := b.c.Jar.Cookies(u)
		b.post("/login", url.Values{"login_id": {demoLogin}, "password": {demoPassword}})
		after := b.c.Jar.Cookies(u)
		require.Len(t, before, 1)
		require.Len(t, after, 1)
		assert.NotEqual(t, before[0].Value, after[0].Value)
	})
	t.Run("idle sessions end", func(t *testing.T) {
		b := p.visitor(t)
		b.login(demoLogin, demoPassword)
		status, _, _ := b.get("/")
		require.Equal(t, http.StatusOK, status)
		p.clk.Advance(31 * time.Minute)
		status, loc, _ := b.get("/")
		assert.Equal(t, http.StatusSeeOther, status)
		assert.Equal(t, "/login", loc)
	})
	t.Run("login throttling", func(t *testing.T) {
		b := p.visitor(t)
		for range 5 {
			status, _, page := b.login("victim", "wrong password 1")
			assert.Equal(t, http.StatusUnauthorized, status)
			assert.Contains(t, page, "ログインIDまたはパスワードが違います。")
		}
		status, _, page := b.login("victim", "wrong password 1")
		assert.Equal(t, http.StatusTooManyRequests, status)
		assert.Contains(t, page, "しばらくログインできません")
	})
	t.Run("scripts", func(t *testing.T) {
		for _, path := range []string{"/", "/apply", "/cart", "/certificates", loc} {
			_, _, page := owner.get(path)
			for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
				assert.Equal(t, `<script src="/static/panel.js" defer>`, tag, path)
			}
			assert.NotRegexp(t, `<[^>]*\son[a-z]+=`, page, "no inline event handlers")
			assert.NotRegexp(t, `(src|href)="(https?:)?//`, page, "nothing from another site")
		}
	})
}

// registered takes a new application for cn through both steps (OV with org, else DV) and
// returns its ID, now orderable in the cart.
func (b *visitor) registered(cn string, org url.Values) string {
	b.t.Helper()
	b.get("/apply")
	product := "DV_SSL"
	if org != nil {
		product = "OV_SSL"
	}
	_, step1, _ := b.post("/apply", url.Values{"product": {product}, "term": {"1"}})
	b.get(step1)
	form := url.Values{"csr": {testkit.CSR(b.t, nil, cn)}}
	for k, v := range org {
		form[k] = v
	}
	status, step2, page := b.post(step1, form)
	require.Equal(b.t, http.StatusSeeOther, status, page)
	b.get(step2)
	b.post(step2, url.Values{"dcv": {"dns"}, "root": {"starfield"}})
	return strings.TrimSuffix(strings.TrimPrefix(step1, "/applications/"), "/step1")
}

// issue takes the customer from a new application to an issued certificate for cn and
// returns the certificate's page path.
func (b *visitor) issue(cn string, org url.Values) string {
	b.t.Helper()
	id := b.registered(cn, org)
	b.get("/cart")
	status, _, page := b.post("/cart/order", url.Values{"item": {id}})
	require.Equal(b.t, http.StatusOK, status, page)
	b.sync()
	_, _, list := b.get("/certificates")
	m := regexp.MustCompile(`href="(/certificates/[^"]+)">` + regexp.QuoteMeta(cn) + `<`).FindStringSubmatch(list)
	require.NotNil(b.t, m, list)
	return m[1]
}

// sync runs the background work a panel runs on a schedule.
func (b *visitor) sync() {
	b.t.Helper()
	for range 3 {
		_, err := b.p.app.svc.Sync(b.t.Context())
		require.NoError(b.t, err)
		b.p.clk.Advance(time.Minute)
	}
}

// TestPanelManagement: what a customer does with an issued certificate — a quote and a cart
// quote as PDF, a reissue under the other root, the site seal, the CSV export, the account's
// information, a revocation inquiry that staff resolve — and a renewal whose organisation
// changed, which is refused with the carry-over offered.
func TestPanelManagement(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	org := url.Values{"org_name": {"Example KK"}, "org_address": {"1-1 Chiyoda"}, "org_postal": {"100-0001"}, "org_phone": {"03-0000-0000"}}
	cert := b.issue("www.example.jp", org)
	revoked := b.issue("shop.example.jp", org)

	t.Run("quote", func(t *testing.T) {
		if p.app.renderer == nil {
			testkit.Missing(t, "quote PDFs need a Japanese font: apt-get install fonts-ipaexfont-gothic")
		}
		b.get("/quote")
		status, _, pdf := b.post("/quote", url.Values{"product": {"DV_SSL"}, "term": {"1"}, "quantity": {"2"}, "recipient": {"株式会社サンプル"}})
		require.Equal(t, http.StatusOK, status)
		assert.True(t, strings.HasPrefix(pdf, "%PDF-"))
		b.get("/quote")
		status, _, page := b.post("/quote", url.Values{"product": {"DV_SSL"}, "term": {"4"}, "quantity": {"1"}, "recipient": {"株式会社サンプル"}})
		assert.Equal(t, http.StatusUnprocessableEntity, status)
		assert.Contains(t, page, "この商品の期間は1年・2年・3年から選んでください。")
		assert.Contains(t, page, `value="株式会社サンプル"`, "the form keeps what was typed")
		b.get("/quote")
		status, _, page = b.post("/quote", url.Values{"product": {"UCC_DV_SSL"}, "term": {"2"}, "san_slots": {"10"}, "quantity": {"0"}})
		assert.Equal(t, http.StatusUnprocessableEntity, status)
		assert.Contains(t, page, "数量は1から1000までです。")
		assert.Contains(t, page, `<option selected>2</option>`, "the chosen term is kept")
		assert.Contains(t, page, `<option selected>10</option>`, "the chosen SAN slots are kept")
	})

	t.Run("reissue under the other root", func(t *testing.T) {
		b.get(cert)
		status, step1, _ := b.post(cert+"/reissue", nil)
		require.Equal(t, http.StatusSeeOther, status)
		b.get(step1)
		form := url.Values{"csr": {testkit.CSR(t, testkit.NewKey(t), "www.example.jp")}}
		for k, v := range org {
			form[k] = v
		}
		_, step2, _ := b.post(step1, form)
		b.get(step2)
		_, app, _ := b.post(step2, url.Values{"dcv": {"dns"}, "root": {"godaddy"}})
		assert.Equal(t, strings.TrimSuffix(step1, "/step1"), app, "a reissue is submitted from its page, not the cart")
		_, _, page := b.get(app)
		assert.Contains(t, page, `id="submit-reissue"`)
		status, _, _ = b.post(app+"/submit", nil)
		require.Equal(t, http.StatusSeeOther, status)
		b.sync()
		_, _, page = b.get(cert)
		assert.Contains(t, page, "<td>再発行</td>", "the history says what happened, in Japanese")
	})

	t.Run("seal and CSV", func(t *testing.T) {
		_, _, page := b.get(cert + "?seal=en&theme=dark")
		assert.Contains(t, page, `id="seal"`)
		assert.Contains(t, page, "&lt;script", "the snippet is shown to copy, not run here")
		assert.Contains(t, page, "theme=DARK&amp;locale=en")
		status, _, csv := b.get("/certificates.csv")
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, csv, "www.example.jp")
	})

	t.Run("account", func(t *testing.T) {
		b.get("/account")
		status, _, page := b.post("/account/customer", url.Values{"company": {"株式会社デモ"}, "contact_name": {"見本 花子"}, "email": {"not an address"}, "phone": {"03-0000-0000"}})
		assert.Equal(t, http.StatusUnprocessableEntity, status)
		assert.Contains(t, page, "メールアドレスの形式が正しくありません。")
		assert.Contains(t, page, `value="not an address"`)
		b.get("/account")
		status, _, page = b.post("/account/password", url.Values{"current": {"wrong password 1"}, "password": {"new panel 2027"}})
		assert.Equal(t, http.StatusConflict, status)
		assert.Contains(t, page, "ログインIDまたはパスワードが違います。")
		assert.NotContains(t, page, "new panel 2027", "passwords are never sent back")
		b.get("/account")
		status, _, page = b.post("/account/login-id", url.Values{"current": {demoPassword}, "login_id": {"demo-renamed"}})
		require.Equal(t, http.StatusOK, status, page)
		assert.Contains(t, page, `value="demo-renamed"`)
		b.post("/account/login-id", url.Values{"current": {demoPassword}, "login_id": {demoLogin}}) // the subtests below log in again
	})

	t.Run("renewal with a changed organisation", func(t *testing.T) {
		p.clk.Advance(330 * 24 * time.Hour) // inside the renewal window of a one-year subscription
		b.login(demoLogin, demoPassword)    // the session ended meanwhile
		_, _, apply := b.get("/apply")
		assert.Contains(t, apply, `href="`+cert+`">www.example.jp<`, "証明書申請 更新 lists it")
		b.get(cert)
		status, step1, page := b.post(cert+"/renew", url.Values{"term": {"1"}})
		require.Equal(t, http.StatusSeeOther, status, page)
		b.get(step1)
		form := url.Values{"csr": {testkit.CSR(t, nil, "www.example.jp")}}
		for k, v := range org {
			form[k] = v
		}
		form.Set("org_name", "Renamed KK")
		status, _, page = b.post(step1, form)
		assert.Equal(t, http.StatusConflict, status)
		assert.Contains(t, page, "更新では組織名を変更できません。")
		assert.Contains(t, page, `id="convert"`, "the carry-over is offered")
		status, loc, _ := b.post(strings.TrimSuffix(step1, "/step1")+"/convert", nil)
		require.Equal(t, http.StatusSeeOther, status)
		assert.True(t, strings.HasSuffix(loc, "/step1"))
	})

	t.Run("revocation through staff", func(t *testing.T) {
		b.get("/inquiries")
		id := strings.TrimPrefix(revoked, "/certificates/")
		status, _, page := b.post("/inquiries", url.Values{"certificate": {id}, "reason": {"KEY_COMPROMISE"}, "message": {"鍵が漏れました"}})
		require.Equal(t, http.StatusOK, status, page)
		assert.Contains(t, page, "お問い合わせを受け付けました。")

		staff := p.visitor(t)
		staff.get("/staff")
		status, _, _ = staff.post("/staff/login", url.Values{"password": {demoStaffPassword}})
		require.Equal(t, http.StatusSeeOther, status)
		_, _, list := staff.get("/staff")
		m := regexp.MustCompile(`action="(/staff/inquiries/[^"]+)"`).FindStringSubmatch(list)
		require.NotNil(t, m, list)
		status, _, page = staff.post(m[1], url.Values{"action": {"revoke"}, "note": {"確認済み"}})
		require.Equal(t, http.StatusOK, status, page)
		assert.Contains(t, page, "保存しました。")
		_, _, certPage := b.get(revoked)
		assert.Contains(t, certPage, `<dd id="cert-status">失効</dd>`)
		status, _, _ = b.get("/staff")
		assert.Equal(t, http.StatusOK, status, "a customer sees the staff login, not the staff page")
	})
}

func mustURL(t testing.TB, raw string) *url.URL {
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u
}

// TestPanelCAOutage: when the CA turns orders away (here: rate limited on every attempt), the
// customer reads why, the cart keeps the item, and ordering again once the CA is back goes
// through, with one order at the CA. (An answer lost after the CA acted is another case: the
// application stays ordered and Sync finds the order.)
func TestPanelCAOutage(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	id := b.registered("www.example.jp", nil)
	b.get("/cart")

	require.NoError(t, p.app.sim.InjectFaults("certificate_create", catest.Fault{Kind: catest.FaultRateLimit, Share: 1}))
	status, _, page := b.post("/cart/order", url.Values{"item": {id}})
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, page, "認証局に接続できません")
	assert.Contains(t, page, `name="item" value="`+id+`"`, "the item is still in the cart, orderable")

	require.NoError(t, p.app.sim.InjectFaults("certificate_create"))
	status, _, page = b.post("/cart/order", url.Values{"item": {id}})
	require.Equal(t, http.StatusOK, status, page)
	assert.Contains(t, page, "注文を受け付けました。")
	assert.Len(t, p.app.sim.Orders("www.example.jp"), 1, "one order at the CA")
}

// TestPanelPlacing: an item that CompleteOrder left to Sync (the CA's rate limit was taken)
// says on its page that it is being placed, until a Sync pass places it.
func TestPanelPlacing(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t, func(c *config) { c.manualDCV = true })
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	id := b.registered("www.example.jp", nil)
	// Ordered by a Service without a CA: what CompleteOrder leaves when it places nothing.
	orderOnly, err := jstore.New(p.app.store, jstore.WithPricer(p.app.quoter), jstore.WithClock(p.clk.Now))
	require.NoError(t, err)
	acct, err := p.app.svc.Authenticate(t.Context(), demoLogin, demoPassword)
	require.NoError(t, err)
	_, err = orderOnly.CompleteOrder(t.Context(), acct.ID, []jstore.ApplicationID{jstore.ApplicationID(id)})
	require.NoError(t, err)

	_, _, page := b.get("/applications/" + id)
	assert.Contains(t, page, "発注処理中です。")
	assert.NotContains(t, page, `id="dcv"`)
	b.sync()
	_, _, page = b.get("/applications/" + id)
	assert.NotContains(t, page, "発注処理中です。", "placed")
	assert.Contains(t, page, `id="dcv"`, "the domain validation steps")
}

// TestPanelManualDCV: with -manual-dcv the simulator waits, as the real CA does, until domain
// control is in place; staff approve it on their page and the next Sync records the
// certificate.
func TestPanelManualDCV(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t, func(c *config) { c.manualDCV = true })
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	id := b.registered("www.example.jp", nil)
	b.get("/cart")
	b.post("/cart/order", url.Values{"item": {id}})
	b.sync()
	_, _, list := b.get("/certificates")
	assert.NotContains(t, list, "www.example.jp", "not issued before domain control")

	staff := p.visitor(t)
	staff.get("/staff")
	staff.post("/staff/login", url.Values{"password": {demoStaffPassword}})
	_, _, page := staff.get("/staff")
	form := regexp.MustCompile(`name="order" value="([^"]+)"><input type="hidden" name="domain" value="www.example.jp"`).FindStringSubmatch(page)
	require.NotNil(t, form, page)
	status, _, page := staff.post("/staff/simulator/approve", url.Values{"order": {form[1]}, "domain": {"www.example.jp"}})
	require.Equal(t, http.StatusOK, status, page)
	b.sync()
	_, _, list = b.get("/certificates")
	assert.Contains(t, list, "www.example.jp")
}

// TestSessionsAreSwept: logged-in sessions left idle are dropped from the store at the next
// look at it, the live one kept.
func TestSessionsAreSwept(t *testing.T) {
	t.Parallel()
	clk := testkit.NewClock(time.Now())
	st := memstore.New()
	s, err := newSessions(t.Context(), st, 30*time.Minute, 15*time.Minute, clk.Now)
	require.NoError(t, err)
	var idle []*session
	for range 100 {
		ss := s.anonymous()
		require.NoError(t, s.login(t.Context(), ss, "acct_1", false)) // customers who never come back
		idle = append(idle, ss)
	}
	clk.Advance(31 * time.Minute)
	live := s.anonymous()
	require.NoError(t, s.login(t.Context(), live, "acct_2", false))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(s.cookie(live, r))
	got, err := s.get(r)
	require.NoError(t, err)
	assert.Equal(t, jstore.AccountID("acct_2"), got.account)
	for _, ss := range idle {
		_, err := st.GetWebSession(t.Context(), storeID(ss.id))
		assert.ErrorIs(t, err, jstore.ErrNotFound, "the idle ones are gone from the store")
	}
}

// TestPanelWithoutFont: a server without a Japanese font says so, naming the package, instead
// of failing a quote or leaving the invoices unexplained.
func TestPanelWithoutFont(t *testing.T) {
	t.Parallel()
	p := newTestPanel(t)
	p.app.renderer, p.app.biller = nil, nil
	b := p.visitor(t)
	b.login(demoLogin, demoPassword)
	_, _, invoices := b.get("/invoices")
	assert.Contains(t, invoices, "請求書を発行していません（Debianのパッケージfonts-ipaexfont-gothic）", "no invoices without a font, and why")
	_, _, page := b.get("/quote")
	assert.Contains(t, page, "Debianのパッケージfonts-ipaexfont-gothic")
	status, _, page := b.post("/quote", url.Values{"product": {"DV_SSL"}, "term": {"1"}, "quantity": {"1"}})
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Contains(t, page, "fonts-ipaexfont-gothic")
}
