package quote

import "strings"

// Honorific is the title after the recipient's name on a Japanese quote.
type Honorific uint8

// Honorifics. The zero value is 御中, for organisations.
const (
	HonorificOrganization Honorific = iota // 御中
	HonorificPerson                        // 様
	HonorificNone                          // nothing
)

var honorificText = [...]string{HonorificOrganization: "御中", HonorificPerson: "様", HonorificNone: ""}

// valid reports whether h is one of the honorifics.
func (h Honorific) valid() bool { return int(h) < len(honorificText) }

// recipientLine is the recipient with its honorific in Japanese: none when the name already
// ends in one, and an empty line (to fill in by hand) when there is no name.
func recipientLine(name string, h Honorific, lang Lang) string {
	if name == "" || lang != Japanese || !h.valid() || honorificText[h] == "" {
		return name
	}
	for _, t := range []string{"御中", "様", "殿"} {
		if strings.HasSuffix(name, t) {
			return name
		}
	}
	return name + " " + honorificText[h]
}
