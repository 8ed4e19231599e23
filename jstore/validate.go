package jstore

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jstore-sdk/sdk/message"
)

// Input limits.
const (
	MaxCSRBytes   = 64 << 10 // a pasted CSR
	MaxSANs       = 100      // the most SAN slots on sale
	maxTextBytes  = 512      // names, addresses and other free text
	maxLoginBytes = 64
	maxEmailBytes = 254 // RFC 5321's path limit less the angle brackets
)

// text checks one free-text field: valid UTF-8, no control or invisible format characters, at
// most max bytes, and present when required.
func (ps *problems) text(field, v string, max int, required bool) {
	switch {
	case !utf8.ValidString(v) || strings.ContainsFunc(v, unprintable):
		ps.add("control_character", field, arg("field", fieldName(field)))
	case len(v) > max:
		ps.add("too_long", field, arg("field", fieldName(field)), arg("max", count(max, message.Bytes)))
	case required && strings.TrimSpace(v) == "":
		ps.add("required", field, arg("field", fieldName(field)))
	}
}

// unprintable reports control characters and invisible format characters (Unicode Cf: U+200B,
// the bidirectional overrides U+202A–U+202E, U+FEFF…), as the quote recipient check does: an
// organisation name the CA copies into a certificate must read as it is stored.
func unprintable(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

func validLoginID(id string) bool {
	if len(id) < 3 || len(id) > maxLoginBytes {
		return false
	}
	for _, r := range id {
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._@-", r))) {
			return false
		}
	}
	return true
}

func (ps *problems) loginID(field, id string) {
	if !validLoginID(id) {
		ps.add("login_id_invalid", field)
	}
}

func (ps *problems) email(field, v string, required bool) {
	if v == "" && !required {
		return
	}
	if len(v) > maxEmailBytes {
		ps.add("email_invalid", field)
		return
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || a.Name != "" {
		ps.add("email_invalid", field)
	}
}

func checkCustomer(c CustomerInfo) error {
	var ps problems
	ps.text("company", c.Company, maxTextBytes, true)
	ps.text("department", c.Department, maxTextBytes, false)
	ps.text("contact_name", c.ContactName, maxTextBytes, true)
	ps.email("email", c.Email, true)
	ps.text("phone", c.Phone, 32, true)
	ps.text("postal_code", c.PostalCode, 16, false)
	ps.text("address", c.Address, maxTextBytes, false)
	if c.Language != "" && c.Language != message.Japanese && c.Language != message.English {
		ps.add("language_unknown", "language")
	}
	if len(c.AlertEmails) > MaxAlertEmails {
		ps.add("alert_emails_limit", "alert_emails", message.With("max", message.Count{N: MaxAlertEmails}))
	}
	for _, e := range c.AlertEmails {
		ps.email("alert_emails", e, true)
	}
	return ps.err()
}

func checkOrganization(o Organization) problems {
	var ps problems
	ps.text("organization.name", o.Name, maxTextBytes, false)
	ps.text("organization.address", o.Address, maxTextBytes, false)
	ps.text("organization.postal_code", o.PostalCode, 16, false)
	ps.text("organization.phone", o.Phone, 32, false)
	return ps
}
