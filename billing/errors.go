package billing

import (
	"errors"

	"github.com/jstore-sdk/sdk/message"
)

// ErrInvalid matches every *Error: a request the archive refuses, with nothing numbered or
// stored.
var ErrInvalid = errors.New("billing: invalid request")

// Error is a refused request: a stable code, and both texts.
type Error struct {
	Code string // amount_line, amount_overflow, range_inverted, seller_missing, page_limit, page_cursor, not_invoice
}

var texts = map[string]message.Text{
	"amount_line":     {JA: "明細の金額が単価と数量に合いません。", EN: "a line's amount is not its unit price times its quantity"},
	"amount_overflow": {JA: "金額が大きすぎて計算できません。", EN: "the amounts are too large to add up"},
	"range_inverted":  {JA: "検索範囲の始まりが終わりより後になっています。", EN: "the search range starts after it ends"},
	"seller_missing":  {JA: "発行者が指定されていません。", EN: "no seller is named"},
	"page_limit":      {JA: "1ページの件数は1から1000までです。", EN: "a page holds 1 to 1000 documents"},
	"page_cursor":     {JA: "ページの指定が正しくありません。", EN: "the page cursor is not valid"},
	"not_invoice":     {JA: "領収書は請求書に対してのみ発行できます。", EN: "a receipt is issued for an invoice only"},
}

func (e *Error) Error() string { return "billing: " + texts[e.Code].Template(message.English) }

// Message is the problem in lang.
func (e *Error) Message(lang message.Lang) string { return texts[e.Code].Template(lang) }

func (e *Error) Is(target error) bool { return target == ErrInvalid }

func amountError(what string) error { return &Error{Code: "amount_" + what} }
