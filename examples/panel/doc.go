// Command panel is a reference hosting panel over the JStore SDK: the portal's screens in
// Japanese with an English switch, on net/http and html/template, with sessions, CSRF tokens,
// per-account isolation, login throttling and a Content-Security-Policy that allows no inline
// script.
//
//	go run ./examples/panel            # http://localhost:8080, a SQLite file and the CA simulator
//
// The demo account's login ID and password are printed at start-up, and the staff page
// (/staff) has a password of its own. Flags choose a PostgreSQL DSN (-postgres), the CA
// (-ca ote|production with GODADDY_KEY, GODADDY_SECRET and -customer-id), the public URL the
// CA's callbacks reach (-public-url), SMTP for e-mail delivery (-smtp, -smtp-user,
// SMTP_PASSWORD) and how often Sync runs (-sync); see -help.
package main
