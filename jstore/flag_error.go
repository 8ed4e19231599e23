package jstore

import (
	"errors"
	"fmt"

	"github.com/jstore-sdk/sdk/message"
)

// ErrIssuanceFlagged: Sync refused what the CA issued and recorded nothing; staff must look.
// errors.As gives a *FlagError.
var ErrIssuanceFlagged = errors.New("jstore: the issued certificate was refused by verification")

// FlagError says why Sync refused a certificate the CA issued. Code is stable; Detail says in
// English what was found, for staff and logs (Application.Flag keeps it).
type FlagError struct {
	Application ApplicationID
	Code        string // unreadable, key_mismatch, names, lifetime, chain, root, roots_unreadable
	Detail      string
}

func (e *FlagError) Error() string {
	s := fmt.Sprintf("jstore: application %s: what the CA issued was refused: %s", e.Application, e.Detail)
	if e.Code == "chain" {
		// The case a newcomer meets: a simulator's certificates against the system's roots.
		s += " (with a CA simulator, give its roots to WithTrustedRoots)"
	}
	return s
}

// Message says in lang what was wrong with the certificate.
func (e *FlagError) Message(lang message.Lang) string { return flagTexts[e.Code].Template(lang) }

func (e *FlagError) Unwrap() error { return ErrIssuanceFlagged }

func flagged(code, format string, args ...any) *FlagError {
	return &FlagError{Code: code, Detail: fmt.Sprintf(format, args...)}
}

var flagTexts = map[string]message.Text{
	"unreadable":       {JA: "認証局から受け取った証明書を読み取れません。", EN: "the certificate the CA issued cannot be read"},
	"key_mismatch":     {JA: "認証局が発行した証明書が申請のCSRと一致しません。", EN: "the certificate the CA issued does not match the application's CSR"},
	"names":            {JA: "認証局が発行した証明書のドメイン名が申請と異なります。", EN: "the certificate the CA issued names other domains than the application"},
	"lifetime":         {JA: "認証局が発行した証明書の有効期間が業界の定める上限を超えています。", EN: "the certificate the CA issued is valid longer than the industry maximum"},
	"chain":            {JA: "認証局が発行した証明書を、選択したルート証明書まで検証できません。信頼するルート証明書の設定を確認してください。", EN: "the certificate the CA issued does not verify to the chosen root; check the roots the panel trusts"},
	"root":             {JA: "証明書チェーンは検証できましたが、お客様が選択したルート証明書につながっていません。", EN: "the chain verifies, but not to the root the customer chose"},
	"roots_unreadable": {JA: "このサーバーが信頼するルート証明書を読み取れません。", EN: "the trusted roots of this server cannot be read"},
}
