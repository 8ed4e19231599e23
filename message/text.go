package message

import (
	"iter"
	"strings"
)

// Text is one message in both languages; {name} in a template marks where the Arg of that name
// goes. A template holds no other braces.
type Text struct {
	JA string
	EN string
}

// Template returns the template for lang; any language but Japanese reads English.
func (t Text) Template(lang Lang) string {
	if lang == Japanese {
		return t.JA
	}
	return t.EN
}

// Render fills the template for lang with args. A placeholder without an arg is left as written,
// so a missing arg shows in tests rather than vanishing.
func (t Text) Render(lang Lang, args []Arg) string {
	tmpl := t.Template(lang)
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for lit, name := range parts(tmpl) {
		b.WriteString(lit)
		if v, ok := lookup(args, name); ok {
			b.WriteString(v.Render(lang))
		} else if name != "" {
			b.WriteString("{" + name + "}")
		}
	}
	return b.String()
}

// Placeholders lists the names a template refers to, in order.
func Placeholders(tmpl string) []string {
	var names []string
	for _, name := range parts(tmpl) {
		if name != "" {
			names = append(names, name)
		}
	}
	return names
}

// parts walks a template: each run of literal text with the name of the placeholder that
// follows it, the last run with "". An unclosed brace is literal text.
func parts(tmpl string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for {
			open := strings.IndexByte(tmpl, '{')
			end := -1
			if open >= 0 {
				end = strings.IndexByte(tmpl[open:], '}')
			}
			if end < 0 {
				yield(tmpl, "")
				return
			}
			if !yield(tmpl[:open], tmpl[open+1:open+end]) {
				return
			}
			tmpl = tmpl[open+end+1:]
		}
	}
}

func lookup(args []Arg, name string) (Value, bool) {
	for _, a := range args {
		if a.Name == name {
			return a.Value, a.Value != nil
		}
	}
	return nil, false
}
