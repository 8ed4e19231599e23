package message

// Lang is the language a text is rendered in.
type Lang string

// The languages every text has.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs lists the languages every Text must have.
func Langs() []Lang { return []Lang{Japanese, English} }
