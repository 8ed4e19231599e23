package jstore

import (
	"errors"

	"github.com/jstore-sdk/sdk/message"
)

// caTexts words the CA's failures an operator or customer may see.
var caTexts = []struct {
	err  error
	text message.Text
}{
	{ErrCAOutcomeUnknown, message.Text{JA: "認証局の処理結果を確認できませんでした。次の同期で確認します。もう一度注文する必要はありません。", EN: "the CA's outcome is unknown; the next sync finds out, there is no need to order again"}},
	{ErrCARefused, message.Text{JA: "認証局が要求を受け付けませんでした。", EN: "the CA refused the request"}},
	{ErrCAConflict, message.Text{JA: "認証局での注文の状態ではこの操作はできません。", EN: "the order's state at the CA does not allow it"}},
	{ErrCAUnavailable, message.Text{JA: "認証局に接続できません。しばらくしてからもう一度お試しください。", EN: "the CA is unavailable; try again later"}},
	{ErrCAUnauthorized, message.Text{JA: "認証局がAPIキーを受け付けませんでした。", EN: "the CA refused the credentials"}},
	{ErrCAForbidden, message.Text{JA: "APIキーに証明書を扱う権限がありません。", EN: "the credentials have no access to certificates"}},
}

// ErrorMessage returns the text to show for err in lang: the most specific wording the SDK has for
// it (a validation problem list, a record's reason, a CA failure, a kind), or a general
// sentence for an error the SDK did not word. It never returns Go's error text, which is
// English and may name internals; log err itself for that.
func ErrorMessage(err error, lang message.Lang) string {
	if err == nil {
		return ""
	}
	var worded interface{ Message(message.Lang) string }
	if errors.As(err, &worded) {
		return worded.Message(lang)
	}
	for _, c := range caTexts {
		if errors.Is(err, c.err) {
			return c.text.Template(lang)
		}
	}
	return message.Text{JA: "処理中にエラーが発生しました。しばらくしてからもう一度お試しください。", EN: "something went wrong; try again later"}.Template(lang)
}
