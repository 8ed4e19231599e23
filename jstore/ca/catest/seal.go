package catest

import (
	"bytes"
	"html/template"
)

var sealTemplate = template.Must(template.New("seal").Parse(
	`<span id="siteseal"><script async type="text/javascript" src="https://seal.{{.Host}}/getSeal?sealID={{.ID}}&theme={{.Theme}}&locale={{.Locale}}"></script></span>`))

// sealHTML is the seal snippet for the order's brand, theme and locale.
func sealHTML(o *order) string {
	host := "starfieldtech.com"
	if brandOf(o.root) == GoDaddy {
		host = "godaddy.com"
	}
	theme, locale := string(o.sealTheme), o.sealLocale
	if theme == "" {
		theme = "LIGHT"
	}
	if locale == "" {
		locale = "en"
	}
	var b bytes.Buffer
	_ = sealTemplate.Execute(&b, struct{ Host, ID, Theme, Locale string }{host, o.id, theme, locale})
	return b.String()
}
