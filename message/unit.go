package message

// Unit is what a number counts.
type Unit uint8

// Units.
const (
	NoUnit Unit = iota
	Bits
	Bytes
	KiB
	Characters
	Years
	Days
	Items     // 件: applications, recipients, lines
	Names     // 個: domain names
	SANSlots  // 件 of purchased SAN slots
	Lines     // 行: lines of a quote
	Addresses // 件: e-mail addresses
)

var units = map[Unit]struct{ ja, one, many string }{
	Bits:       {"ビット", "bit", "bits"},
	Bytes:      {"バイト", "byte", "bytes"},
	KiB:        {"KiB", "KiB", "KiB"},
	Characters: {"文字", "character", "characters"},
	Years:      {"年", "year", "years"},
	Days:       {"日", "day", "days"},
	Items:      {"件", "item", "items"},
	Names:      {"個", "name", "names"},
	SANSlots:   {"件", "SAN slot", "SAN slots"},
	Lines:      {"行", "line", "lines"},
	Addresses:  {"件", "address", "addresses"},
}

// with writes n followed by the unit in lang: no space in Japanese, a space and the singular or
// plural in English.
func (u Unit) with(n string, one bool, lang Lang) string {
	w, ok := units[u]
	if !ok {
		return n
	}
	if lang == Japanese {
		return n + w.ja
	}
	if one {
		return n + " " + w.one
	}
	return n + " " + w.many
}
