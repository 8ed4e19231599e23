package dcv

import (
	"fmt"

	"github.com/jstore-sdk/sdk/message"
)

// Error says why a challenge could not be published or removed. Code is stable; Server names
// the name server that lagged or did not answer; Err is the cause, for logs.
type Error struct {
	Code   Code
	Domain string
	Server string
	Err    error
}

// Code names what went wrong.
type Code string

// Codes.
const (
	CodeZoneNotFound     Code = "zone_not_found"    // no SOA found for the name
	CodeProvider         Code = "provider"          // the DNS provider refused or failed
	CodePropagation      Code = "propagation"       // an authoritative server did not show the record in time
	CodeNameserver       Code = "nameserver"        // an authoritative server did not answer
	CodeWebRoot          Code = "webroot"           // the file could not be written or removed
	CodeInvalidChallenge Code = "invalid_challenge" // the challenge itself is not acceptable
)

func (e *Error) Error() string {
	s := fmt.Sprintf("dcv: %s: %s", e.Domain, e.Code)
	if e.Server != "" {
		s += " (" + e.Server + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Message says in lang what failed and what to look at.
func (e *Error) Message(lang message.Lang) string {
	return texts[e.Code].Render(lang, []message.Arg{message.With("domain", message.Literal(e.Domain)), message.With("server", message.Literal(e.Server))})
}

var texts = map[Code]message.Text{
	CodeZoneNotFound:     {JA: "{domain}のDNSゾーンが見つかりません。ドメインのネームサーバーの設定を確認してください。", EN: "the DNS zone of {domain} cannot be found; check the domain's name servers"},
	CodeProvider:         {JA: "{domain}の認証用TXTレコードをDNSに登録または削除できませんでした。DNSサービスの設定と権限を確認してください。", EN: "the validation TXT record of {domain} could not be added to or removed from DNS; check the DNS provider's settings and rights"},
	CodePropagation:      {JA: "{domain}の認証用TXTレコードが、権威ネームサーバー{server}に時間内に反映されませんでした。", EN: "the validation TXT record of {domain} did not appear on the authoritative name server {server} in time"},
	CodeNameserver:       {JA: "{domain}の権威ネームサーバー{server}が応答しません。", EN: "the authoritative name server {server} of {domain} does not answer"},
	CodeWebRoot:          {JA: "{domain}のドキュメントルートに認証用ファイルを書き込めない、または削除できませんでした。フォルダの権限を確認してください。", EN: "the validation file of {domain} could not be written to or removed from its document root; check the folder's permissions"},
	CodeInvalidChallenge: {JA: "{domain}の認証情報が正しくないため、公開しませんでした。", EN: "the validation data of {domain} is not valid, so nothing was published"},
}
