package message

import "strings"

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
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(tmpl[:open])
		name := tmpl[open+1 : open+end]
		if v, ok := lookup(args, name); ok {
			b.WriteString(v.Render(lang))
		} else {
			b.WriteString(tmpl[open : open+end+1])
		}
		tmpl = tmpl[open+end+1:]
	}
	b.WriteString(tmpl)
	return b.String()
}

// Placeholders lists the names a template refers to, in order.
func Placeholders(tmpl string) []string {
	var names []string
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			return names
		}
		names = append(names, tmpl[open+1:open+end])
		tmpl = tmpl[open+end+1:]
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
