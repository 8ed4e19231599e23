package notify

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// EmailConfig says who is written to. Give staff and customers each their own Email (and
// name in WithNotifiers), so that a failure to reach one is retried without writing to the
// other twice.
type EmailConfig struct {
	Mailer jstore.Mailer
	From   string
	// Staff are written to of every alert, in StaffLang (default Japanese).
	Staff     []string
	StaffLang message.Lang
	// Customers, instead of Staff, writes to the addresses the account chose for alerts
	// (CustomerInfo.AlertEmails, else its contact address) in its language, of the alerts
	// about its own certificates; the panel's own and a flagged issuance, which wait for
	// staff, are not sent to customers.
	Customers bool
	// Zone shows times in the reader's zone (default Asia/Tokyo).
	Zone *time.Location
}

// Email writes alerts.
type Email struct {
	c EmailConfig
}

var _ jstore.Notifier = (*Email)(nil)

// NewEmail checks c: a mailer, a sender, and either staff addresses or Customers; a
// malformed address is refused here, not at the first alert.
func NewEmail(c EmailConfig) (*Email, error) {
	switch {
	case c.Mailer == nil:
		return nil, errors.New("notify: NewEmail: a Mailer is needed")
	case (len(c.Staff) == 0) == !c.Customers:
		return nil, errors.New("notify: NewEmail: give either Staff addresses or Customers")
	case c.StaffLang != "" && c.StaffLang != message.Japanese && c.StaffLang != message.English:
		return nil, fmt.Errorf("notify: NewEmail: no texts in %q", c.StaffLang)
	}
	for _, a := range append([]string{c.From}, c.Staff...) {
		if !plainAddress(a) {
			return nil, fmt.Errorf("notify: NewEmail: %q is not an e-mail address", a)
		}
	}
	if c.StaffLang == "" {
		c.StaffLang = message.Japanese
	}
	if c.Zone == nil {
		zone, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			return nil, err
		}
		c.Zone = zone
	}
	return &Email{c: c}, nil
}

// plainAddress reports whether a is one bare address: no display name, no list.
func plainAddress(a string) bool {
	parsed, err := mail.ParseAddress(a)
	return err == nil && parsed.Address == a && !strings.ContainsAny(a, "\r\n")
}

// staffOnly are the kinds customers are not written to of.
var staffOnly = map[jstore.AlertKind]bool{jstore.AlertIssuanceFlagged: true, jstore.AlertCACredentials: true}

// Notify writes of a raised alert; a clearing needs no letter.
func (e *Email) Notify(ctx context.Context, n jstore.Notice) error {
	if n.Cleared {
		return nil
	}
	to, lang := e.c.Staff, e.c.StaffLang
	if e.c.Customers {
		if n.Customer == nil || staffOnly[n.Alert.Kind] {
			return nil
		}
		chosen := n.Customer.AlertEmails
		if len(chosen) == 0 {
			chosen = []string{n.Customer.Email}
		}
		to = nil
		for _, a := range chosen {
			if plainAddress(a) {
				to = append(to, a)
			}
		}
		if len(to) == 0 {
			return nil
		}
		lang = n.Customer.Language
		if lang != message.English {
			lang = message.Japanese
		}
	}
	subject, body := e.letter(n, lang)
	return e.c.Mailer.Send(ctx, jstore.Message{From: e.c.From, To: to, Subject: subject, Body: body})
}
