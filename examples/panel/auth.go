package main

import (
	"errors"
	"net/http"

	"github.com/jstore-sdk/sdk/jstore"
)

func (a *app) loginPage(w http.ResponseWriter, r *http.Request, ss *session) {
	if ss.account != "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	a.render(w, r, ss, http.StatusOK, "login", page{})
}

// login checks the password, unless the login ID has failed too often lately, and rotates the
// session.
func (a *app) login(w http.ResponseWriter, r *http.Request, ss *session) {
	loginID, password := r.PostFormValue("login_id"), r.PostFormValue("password")
	p := page{Form: r.PostForm}
	p.Form.Del("password")
	if !a.throttle.allowed(loginID) {
		p.Errors = []string{word(ss.lang, "login_locked")}
		a.render(w, r, ss, http.StatusTooManyRequests, "login", p)
		return
	}
	acct, err := a.svc.Authenticate(r.Context(), loginID, password)
	switch {
	case errors.Is(err, jstore.ErrUnauthenticated), errors.Is(err, jstore.ErrInvalid):
		a.throttle.failed(loginID)
		p.Errors = []string{word(ss.lang, "login_failed")}
		a.render(w, r, ss, http.StatusUnauthorized, "login", p)
		return
	case err != nil:
		a.fail(w, r, ss, "login", p, err)
		return
	}
	a.throttle.succeeded(loginID)
	a.sessions.login(ss, acct.ID, false)
	http.SetCookie(w, ss.cookie(r))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logout(w http.ResponseWriter, r *http.Request, ss *session) {
	a.sessions.logout(ss)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// switchLang sets the session's language and goes back to the page it came from.
func (a *app) switchLang(w http.ResponseWriter, r *http.Request, ss *session) {
	lang := "ja"
	if r.URL.Query().Get("to") == "en" {
		lang = "en"
	}
	a.sessions.setLang(ss, lang)
	back := "/"
	if ref := r.URL.Query().Get("back"); len(ref) > 1 && ref[0] == '/' && ref[1] != '/' && ref[1] != '\\' {
		back = ref // a path on this site only
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
