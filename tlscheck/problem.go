package tlscheck

import (
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// Problem codes.
const (
	CodeUnreachable      = "unreachable"       // no connection, or no answer in time
	CodeHandshake        = "handshake"         // the server refused the handshake (no site for the name)
	CodeOtherCertificate = "other_certificate" // another certificate is served; Detail: its serial
	CodeNameNotCovered   = "name_not_covered"  // the served certificate does not cover the name
	CodeChain            = "chain"             // the chain does not verify to the roots
	CodeExpiring         = "expiring"          // it ends within Want.Soon; Detail: its end
)

// Problem is one thing wrong with what a site serves.
type Problem struct {
	Code   string
	Detail string    // what was found: the served serial, the TLS error
	At     time.Time // CodeExpiring: when the served certificate ends
}

// jst is the zone dates are shown in: the customers' own.
var jst = time.FixedZone("JST", 9*60*60)

var problemText = map[string]message.Text{
	CodeUnreachable:      {JA: "{name}のTLSポートに接続できませんでした。", EN: "{name}: the TLS port could not be reached"},
	CodeHandshake:        {JA: "{name}がTLS接続を受け付けませんでした（このドメインのサイトがない可能性があります）。", EN: "{name}: the server refused the TLS handshake (no site for the name?)"},
	CodeOtherCertificate: {JA: "{name}では別の証明書（シリアル番号 {detail}）が配信されています。", EN: "{name} serves another certificate (serial {detail})"},
	CodeNameNotCovered:   {JA: "{name}で配信されている証明書はこのドメインを含んでいません。", EN: "the certificate {name} serves does not cover it"},
	CodeChain:            {JA: "{name}で配信されている証明書チェーンが信頼できるルートまでつながりません。", EN: "the chain {name} serves does not lead to a trusted root"},
	CodeExpiring:         {JA: "{name}で配信されている証明書は{date}に有効期限が切れます。", EN: "the certificate {name} serves expires on {date}"},
}

// Message says in lang what is wrong at name.
func (p Problem) Message(name string, lang message.Lang) string {
	t, ok := problemText[p.Code]
	if !ok {
		return p.Code
	}
	return t.Render(lang, []message.Arg{message.With("name", message.Literal(name)), message.With("detail", message.Literal(p.Detail)),
		message.With("date", message.Day{T: p.At, Zone: jst})})
}
