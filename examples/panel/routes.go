package main

import (
	"io/fs"
	"net/http"
)

// handler is a page's handler with the request's session.
type handler func(w http.ResponseWriter, r *http.Request, ss *session)

// routes is the panel's URL space. Every response carries the security headers; every POST
// needs the session's CSRF token; every page but the login needs a login.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	mux.Handle("GET /login", a.public(a.loginPage))
	mux.Handle("POST /login", a.public(a.login))
	mux.Handle("POST /logout", a.customer(a.logout))
	mux.Handle("GET /lang", a.public(a.switchLang))

	mux.Handle("GET /{$}", a.customer(a.top))
	mux.Handle("GET /apply", a.customer(a.applyPage))
	mux.Handle("POST /apply", a.customer(a.apply))
	mux.Handle("GET /applications/{id}", a.customer(a.application))
	mux.Handle("GET /applications/{id}/step1", a.customer(a.step1Page))
	mux.Handle("POST /applications/{id}/step1", a.customer(a.step1))
	mux.Handle("GET /applications/{id}/step2", a.customer(a.step2Page))
	mux.Handle("POST /applications/{id}/step2", a.customer(a.step2))
	mux.Handle("POST /applications/{id}/check", a.customer(a.checkDCV))
	mux.Handle("GET /cart", a.customer(a.cart))
	mux.Handle("POST /cart/confirm", a.customer(a.confirm))
	mux.Handle("POST /cart/order", a.customer(a.order))
	mux.Handle("POST /cart/{id}/remove", a.customer(a.removeFromCart))
	mux.Handle("GET /certificates", a.customer(a.certificates))
	mux.Handle("GET /certificates/{id}", a.customer(a.certificate))
	mux.Handle("GET /certificates/{id}/download", a.customer(a.download))
	mux.Handle("POST /certificates/{id}/send", a.customer(a.send))
	mux.Handle("POST /certificates/{id}/renew", a.customer(a.renew))
	mux.Handle("POST /certificates/{id}/reissue", a.customer(a.reissue))
	mux.Handle("GET /certificates.csv", a.customer(a.exportCSV))
	mux.Handle("POST /applications/{id}/convert", a.customer(a.convert))
	mux.Handle("POST /applications/{id}/submit", a.customer(a.submitReissue))
	mux.Handle("GET /quote", a.customer(a.quotePage))
	mux.Handle("POST /quote", a.customer(a.quote))
	mux.Handle("POST /cart/quote", a.customer(a.cartQuote))
	mux.Handle("GET /invoices", a.customer(a.invoices))
	mux.Handle("GET /invoices/{id}", a.customer(a.invoicePDF))
	mux.Handle("GET /account", a.customer(a.accountPage))
	mux.Handle("POST /account/{form}", a.customer(a.accountUpdate))
	mux.Handle("GET /inquiries", a.customer(a.inquiriesPage))
	mux.Handle("POST /inquiries", a.customer(a.inquire))
	mux.Handle("GET /staff", a.public(a.staffPage))
	mux.Handle("POST /staff/login", a.public(a.staffLogin))
	mux.Handle("POST /staff/inquiries/{id}", a.staffOnly(a.resolve))
	mux.Handle("POST /staff/contracts", a.staffOnly(a.contract))
	mux.Handle("POST /staff/simulator/approve", a.staffOnly(a.approve))
	mux.Handle("GET /staff/invoices", a.staffOnly(a.staffInvoices))
	mux.Handle("GET /staff/invoices/export", a.staffOnly(a.exportInvoices))
	mux.Handle("GET /staff/invoices/{id}", a.staffOnly(a.staffInvoicePDF))
	mux.Handle("POST /staff/invoices/{id}/paid", a.staffOnly(a.markPaid))
	return secure(mux)
}

// secure sets the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// public serves a page to anyone, with a session (and the CSRF check on POST).
func (a *app) public(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ss, err := a.sessions.get(r)
		if err != nil {
			a.log.Warn("session store failed", "path", r.URL.Path, "err", err)
			http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
			return
		}
		http.SetCookie(w, a.sessions.cookie(ss, r))
		if r.Method == http.MethodPost && !ss.validToken(r.PostFormValue("csrf")) {
			a.render(w, r, ss, http.StatusForbidden, "error", page{Errors: []string{word(ss.lang, "forbidden")}})
			return
		}
		h(w, r, ss)
	})
}

// customer serves a page to a logged-in customer; others go to the login page.
func (a *app) customer(h handler) http.Handler {
	return a.public(func(w http.ResponseWriter, r *http.Request, ss *session) {
		if ss.account == "" {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		h(w, r, ss)
	})
}
