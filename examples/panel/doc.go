// Command panel is a reference hosting panel over the JStore SDK: the portal's screens in
// Japanese with an English switch, on net/http and html/template, with sessions, CSRF tokens,
// per-account isolation, login throttling and a Content-Security-Policy that allows no inline
// script.
//
//	go run ./examples/panel            # http://localhost:8080, a SQLite file and the CA simulator
//
// The demo account's login ID and password are printed at start-up. Flags choose a PostgreSQL
// DSN, real CA keys (OTE or production) and SMTP for e-mail delivery; see -help.
package main
