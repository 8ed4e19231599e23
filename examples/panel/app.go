package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/quote"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// csp allows nothing inline and nothing from elsewhere: the panel's one script and one style
// sheet are files of its own.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// app is the panel: the SDK's Service and what the web needs around it.
type app struct {
	deps
	now           func() time.Time
	staffPassword string
	sessions      *sessions
	throttle      *throttle
	pages         map[string]*template.Template
	log           *slog.Logger
}

// Sessions last 30 idle minutes; five failed logins lock a login ID for 15 minutes.
const (
	sessionIdle   = 30 * time.Minute
	loginFailures = 5
	loginWindow   = 15 * time.Minute
)

func newApp(ctx context.Context, d deps, cfg config, log *slog.Logger) (*app, error) {
	ss, err := newSessions(ctx, d.store, sessionIdle, loginWindow, cfg.now)
	if err != nil {
		return nil, err
	}
	a := &app{deps: d, now: cfg.now, staffPassword: cfg.staff, sessions: ss, throttle: newThrottle(d.store, loginFailures, loginWindow, cfg.now), log: log}
	return a, a.parse()
}

// parse builds each page as the layout with the page's content.
func (a *app) parse() error {
	funcs := template.FuncMap{
		"t":    word,
		"name": func(lang string, p jstore.Product) string { return p.Name(lang) },
		"arg":  func(name string, n int) message.Arg { return message.With(name, message.Count{N: int64(n)}) },
		"text": func(name, v string) message.Arg { return message.With(name, message.Literal(v)) },
		"yen":  quote.Yen,
		"years": func(lang string, n int) string {
			return message.Count{N: int64(n), Unit: message.Years}.Render(message.Lang(lang))
		},
		"when": func(lang string, t time.Time) message.Arg {
			return message.With("when", message.Day{T: t, Zone: a.svc.Location()})
		},
		"date": func(lang string, t time.Time) string {
			return message.Day{T: t, Zone: a.svc.Location()}.Render(message.Lang(lang))
		},
		"label":    func(lang, v string) string { return jstore.ValueName(v, message.Lang(lang)) },
		"problems": problemsFor,
		"list":     func(s ...string) []string { return s },
		"prepend":  func(first string, rest []string) []string { return append([]string{first}, rest...) },
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return err
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	a.pages = map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := layout.Clone()
		if err != nil {
			return err
		}
		if t, err = t.ParseFS(templateFS, p); err != nil {
			return err
		}
		a.pages[name] = t
	}
	return nil
}

// page is what every template gets.
type page struct {
	Lang     string
	CSRF     string
	LoggedIn bool
	Staff    bool
	Path     string
	Notice   string
	Errors   []string            // problems not tied to a field
	Problems map[string][]string // field → problems, shown beside the field
	Form     url.Values          // what was typed, kept on a failed step
	Data     any
}

// problemsFor lists the problems of field and of its parts (csr for csr.cn and csr.key).
func problemsFor(ps map[string][]string, field string) []string {
	var out []string
	for f, msgs := range ps {
		if f == field || strings.HasPrefix(f, field+".") || strings.HasPrefix(f, field+"[") {
			out = append(out, msgs...)
		}
	}
	slices.Sort(out)
	return out
}

// render writes a page with status.
func (a *app) render(w http.ResponseWriter, r *http.Request, ss *session, status int, name string, p page) {
	t, ok := a.pages[name]
	if !ok {
		http.Error(w, "no such page", http.StatusInternalServerError)
		return
	}
	p.Lang, p.CSRF, p.LoggedIn, p.Staff, p.Path = ss.lang, ss.csrf, ss.account != "", ss.staff, r.URL.Path
	var buf bytes.Buffer // the whole page first, so a template error still gets its status
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		a.log.Error("template", "page", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// fail shows err the customer's way: validation problems beside their fields on the same
// page, a record not found (another account's, or none) as 404, anything else in words.
func (a *app) fail(w http.ResponseWriter, r *http.Request, ss *session, name string, p page, err error) {
	var ve *jstore.ValidationError
	switch {
	case errors.As(err, &ve):
		p.Problems = map[string][]string{}
		for _, pr := range ve.Problems {
			p.Problems[pr.Field] = append(p.Problems[pr.Field], pr.Message(message.Lang(ss.lang)))
		}
		a.render(w, r, ss, http.StatusUnprocessableEntity, name, p)
	case errors.Is(err, jstore.ErrNotFound):
		a.notFound(w, r, ss)
	default:
		a.log.Warn("request failed", "path", r.URL.Path, "err", err)
		p.Errors = append(p.Errors, jstore.ErrorMessage(err, message.Lang(ss.lang)))
		a.render(w, r, ss, http.StatusConflict, name, p)
	}
}

func (a *app) notFound(w http.ResponseWriter, r *http.Request, ss *session) {
	a.render(w, r, ss, http.StatusNotFound, "error", page{Errors: []string{word(ss.lang, "not_found")}})
}
