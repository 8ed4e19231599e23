package message

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Literal is a value that reads the same in every language: a domain name, an ID, a code.
type Literal string

// Render returns the literal.
func (l Literal) Render(Lang) string { return string(l) }

// Phrase is a value with a wording in each language, for a part chosen from a list (a status,
// a field's name, a reason).
type Phrase Text

// Render returns the phrase in lang; it holds no placeholders.
func (p Phrase) Render(lang Lang) string { return Text(p).Template(lang) }

// Count is a number with its unit: 2048ビット, 2048 bits.
type Count struct {
	N    int64
	Unit Unit
}

// Render writes the number with its unit.
func (c Count) Render(lang Lang) string {
	return c.Unit.with(strconv.FormatInt(c.N, 10), c.N == 1, lang)
}

// Choices is a set of numbers to choose from: 1年・2年・3年, 1, 2 or 3 years.
type Choices struct {
	Ns   []int
	Unit Unit
}

// Render lists the numbers, each with its unit in Japanese and the unit once in English.
func (c Choices) Render(lang Lang) string {
	parts := make([]string, len(c.Ns))
	for i, n := range c.Ns {
		parts[i] = strconv.Itoa(n)
		if lang == Japanese {
			parts[i] = c.Unit.with(parts[i], false, lang)
		}
	}
	if lang == Japanese {
		return strings.Join(parts, "・")
	}
	return c.Unit.with(orList(parts), len(c.Ns) == 1 && c.Ns[0] == 1, lang)
}

// List joins values: 「a」、「b」 in Japanese, "a", "b" in English.
type List []Value

// Render joins the values in lang.
func (l List) Render(lang Lang) string {
	parts := make([]string, len(l))
	for i, v := range l {
		parts[i] = v.Render(lang)
	}
	if lang == Japanese {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}

// Quoted is a literal shown as typed or found: 「admin@example」, "admin@example".
type Quoted string

// Render quotes the value in lang's quotation marks.
func (q Quoted) Render(lang Lang) string {
	if lang == Japanese {
		return "「" + string(q) + "」"
	}
	return strconv.Quote(string(q))
}

// Char is one character with its code point: 「😀」（U+1F600）, "😀" (U+1F600).
type Char rune

// Render shows the character and its code point.
func (c Char) Render(lang Lang) string {
	if lang == Japanese {
		return fmt.Sprintf("「%s」（U+%04X）", string(rune(c)), rune(c))
	}
	return fmt.Sprintf("%q (U+%04X)", string(rune(c)), rune(c))
}

// Instant is a moment shown to the minute in a zone: 2027年6月12日 9時59分（JST）,
// 12 Jun 2027 09:59 JST.
type Instant struct {
	T    time.Time
	Zone *time.Location // UTC when nil
}

// Render writes the instant in its zone.
func (i Instant) Render(lang Lang) string {
	t := inZone(i.T, i.Zone)
	if lang == Japanese {
		return fmt.Sprintf("%d年%d月%d日 %d時%02d分（%s）", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Format("MST"))
	}
	return t.Format("2 Jan 2006 15:04 MST")
}

// Day is a calendar day: 2028年3月15日, 15 Mar 2028.
type Day struct {
	T    time.Time
	Zone *time.Location // UTC when nil
}

// Render writes the day in its zone.
func (d Day) Render(lang Lang) string {
	t := inZone(d.T, d.Zone)
	if lang == Japanese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return t.Format("2 Jan 2006")
}

// inZone is t in zone, or in UTC when zone is nil.
func inZone(t time.Time, zone *time.Location) time.Time {
	if zone == nil {
		return t.UTC()
	}
	return t.In(zone)
}

// orList joins English alternatives: 1, 2 or 3.
func orList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// Sentence is a text with its args used as a value: a detail inside another message.
type Sentence struct {
	Text Text
	Args []Arg
}

// Render renders the text with its args.
func (s Sentence) Render(lang Lang) string { return s.Text.Render(lang, s.Args) }
