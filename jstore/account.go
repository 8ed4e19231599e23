package jstore

import (
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// Account is a customer of the portal: a login, a password hash and customer information.
type Account struct {
	ID AccountID
	// LoginID is kept as the customer typed it, for display; it is unique and looked up
	// ignoring case ([LoginKey]).
	LoginID      string
	PasswordHash string // PHC-formatted argon2id hash; never the password
	Customer     CustomerInfo
	// ContractRef names the customer's negotiated price contract, if any (quote package).
	ContractRef string
	CreatedAt   time.Time
	Version     int64
}

// CustomerInfo is the account holder's contact data (お客様情報).
type CustomerInfo struct {
	Company     string
	Department  string
	ContactName string
	Email       string
	Phone       string
	PostalCode  string
	Address     string
	// Language is the language the customer is written to in (alerts); "" is Japanese.
	Language message.Lang
	// AlertEmails are who is written to of alerts about the account's certificates, at most
	// five; none means Email.
	AlertEmails []string
}

// MaxAlertEmails bounds CustomerInfo.AlertEmails.
const MaxAlertEmails = 5

// RegisterRequest opens an account.
type RegisterRequest struct {
	LoginID  string
	Password string
	Customer CustomerInfo
}

// LoginKey is the form in which login IDs are compared and indexed: ALICE and alice are one
// account. Login IDs are ASCII (letters, digits and . _ @ -), so ASCII case folding is exact.
// Every Store indexes login IDs by it.
func LoginKey(loginID string) string { return strings.ToLower(loginID) }
