package quote

import (
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// problemTexts holds the wording of every problem a quote request can have; README lists the
// codes. The choice of term and SAN slots is jstore's (Product.ChoiceProblems).
var problemTexts = map[string]message.Text{
	"honorific_invalid": {JA: "敬称は御中・様・なしから選んでください。", EN: "choose the honorific 御中, 様 or none"},
	"lines_empty":       {JA: "見積る商品を選んでください。", EN: "choose at least one product to quote"},
	"lines_too_many":    {JA: "明細は{max}までです。", EN: "at most {max}"},
	"control_character": {JA: "{field}に制御文字または不正な文字が含まれています。", EN: "{field} contains control or invalid characters"},
	"too_long":          {JA: "{field}は{max}以下にしてください。", EN: "{field} must be at most {max}"},
	"product_unknown":   {JA: "商品が見つかりません。", EN: "unknown product"},
	"quantity_invalid":  {JA: "数量は{min}から{max}までです。", EN: "the quantity must be {min} to {max}"},
	"amount_too_large":  {JA: "金額が上限（1兆円未満）を超えています。見積を分けてください。", EN: "amounts must stay under 1 trillion yen; split the quote"},
	"glyph_missing":     {JA: "フォントにない文字が含まれています：{chars}。別の文字に置き換えてください。", EN: "the font cannot draw {chars}; replace them"},
}

// fieldNames are the request's fields as a customer reads them.
var fieldNames = map[string]message.Text{
	"recipient": {JA: "見積先組織名", EN: "the recipient"},
	"domain":    {JA: "ドメイン名", EN: "the domain"},
}

// lineDomain names the domain field of a line, counting from 1.
var lineDomain = message.Text{JA: "{line}行目のドメイン名", EN: "the domain of line {line}"}

func problem(code, field string, args ...message.Arg) jstore.Problem {
	return jstore.Problem{Code: code, Field: field, Text: problemTexts[code], Args: args}
}

func count(n int, u message.Unit) message.Count { return message.Count{N: int64(n), Unit: u} }
