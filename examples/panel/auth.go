package main

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"

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
	attempt, ok, err := a.throttle.begin(r.Context(), loginID)
	if err != nil {
		a.fail(w, r, ss, "login", p, err)
		return
	}
	if !ok {
		p.Errors = []string{word(ss.lang, "login_locked")}
		a.render(w, r, ss, http.StatusTooManyRequests, "login", p)
		return
	}
	acct, err := a.svc.Authenticate(r.Context(), loginID, password)
	switch {
	case errors.Is(err, jstore.ErrUnauthenticated), errors.Is(err, jstore.ErrInvalid):
		if err := a.throttle.end(r.Context(), loginID, attempt, jstore.LoginFailed); err != nil {
			a.fail(w, r, ss, "login", p, err)
			return
		}
		p.Errors = []string{word(ss.lang, "login_failed")}
		a.render(w, r, ss, http.StatusUnauthorized, "login", p)
		return
	case err != nil:
		a.fail(w, r, ss, "login", p, errors.Join(err, a.throttle.end(r.Context(), loginID, attempt, jstore.LoginAbandoned)))
		return
	}
	if err := a.throttle.end(r.Context(), loginID, attempt, jstore.LoginSucceeded); err != nil {
		a.fail(w, r, ss, "login", p, err)
		return
	}
	if err := a.sessions.login(r.Context(), ss, acct.ID, false); err != nil {
		a.fail(w, r, ss, "login", p, err)
		return
	}
	http.SetCookie(w, a.sessions.cookie(ss, r))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) logout(w http.ResponseWriter, r *http.Request, ss *session) {
	if err := a.sessions.logout(r.Context(), ss); err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// switchLang sets the session's language and goes back to the page it came from.
func (a *app) switchLang(w http.ResponseWriter, r *http.Request, ss *session) {
	lang := "ja"
	if r.URL.Query().Get("to") == "en" {
		lang = "en"
	}
	if err := a.sessions.setLang(r.Context(), ss, lang); err != nil {
		a.fail(w, r, ss, "error", page{}, err)
		return
	}
	http.SetCookie(w, a.sessions.cookie(ss, r)) // an anonymous session keeps its language in its cookie
	http.Redirect(w, r, localPath(r.URL.Query().Get("back")), http.StatusSeeOther)
}

// localPath returns ref when it can only be a path on this site, and "/" otherwise. Browsers
// read a backslash as a slash and drop tabs and newlines, so /\host, /./\host and /\t/host
// would all leave the site: any backslash or control character is refused, and the path
// written back is the cleaned one, which never starts with //.
func localPath(ref string) string {
	if ref == "" || strings.ContainsFunc(ref, func(r rune) bool { return r == '\\' || r < 0x20 || r == 0x7f }) {
		return "/"
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") ||
		strings.ContainsAny(u.Path, "\\") {
		return "/"
	}
	clean := path.Clean(u.Path)
	if strings.HasPrefix(clean, "//") {
		return "/"
	}
	out := (&url.URL{Path: clean, RawQuery: u.RawQuery}).String()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") {
		return "/"
	}
	return out
}
