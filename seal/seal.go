package seal

import (
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// DefaultHosts are the seal hosts of the CA's two brands.
var defaultHosts = []string{"seal.godaddy.com", "seal.starfieldtech.com"}

// DefaultHosts returns the seal hosts the CA serves its seals from.
func DefaultHosts() []string { return slices.Clone(defaultHosts) }

// ErrShape says the CA's seal HTML is not in the expected shape; the error's text says how.
var ErrShape = errors.New("seal: unexpected seal HTML")

// maxHTML bounds the CA's answer: a seal is a few hundred bytes.
const maxHTML = 8 << 10

// Check accepts the CA's seal HTML only in its expected shape — one span or div (attributes id
// and class only) holding script elements with no content, whose attributes are src, async,
// type and charset and whose src is an https URL on one of hosts (DefaultHosts when none) — and
// returns it as safe HTML. Anything else is an error matching ErrShape.
func Check(raw string, hosts ...string) (template.HTML, error) {
	if len(hosts) == 0 {
		hosts = defaultHosts
	}
	bad := func(format string, args ...any) (template.HTML, error) {
		return "", fmt.Errorf("%w: "+format, append([]any{ErrShape}, args...)...)
	}
	if len(raw) > maxHTML {
		return bad("longer than %d bytes", maxHTML)
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	var stack []string
	containers, scripts := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				return bad("<%s> is not closed", stack[len(stack)-1])
			}
			if containers != 1 || scripts == 0 {
				return bad("want one container holding the seal's script")
			}
			return template.HTML(raw), nil
		case html.TextToken:
			if strings.TrimSpace(string(z.Text())) != "" {
				return bad("text outside or inside the seal")
			}
		case html.StartTagToken:
			tok := z.Token()
			switch {
			case (tok.Data == "span" || tok.Data == "div") && len(stack) == 0 && containers == 0:
				if err := checkAttrs(tok, "id", "class"); err != nil {
					return bad("%v", err)
				}
				containers++
			case tok.Data == "script" && len(stack) == 1:
				if err := checkAttrs(tok, "src", "async", "type", "charset"); err != nil {
					return bad("%v", err)
				}
				if err := checkSrc(tok, hosts); err != nil {
					return bad("%v", err)
				}
				scripts++
			default:
				return bad("<%s> is not part of a seal", tok.Data)
			}
			stack = append(stack, tok.Data)
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				return bad("</%s> closes nothing open", tok.Data)
			}
			stack = stack[:len(stack)-1]
		default: // self-closing tags, comments, doctypes
			return bad("%s is not part of a seal", z.Token().Type)
		}
	}
}

func checkAttrs(tok html.Token, allowed ...string) error {
	for _, a := range tok.Attr {
		if a.Namespace != "" || !slices.Contains(allowed, a.Key) {
			return fmt.Errorf("<%s> has the attribute %q", tok.Data, a.Key)
		}
	}
	return nil
}

func checkSrc(tok html.Token, hosts []string) error {
	for _, a := range tok.Attr {
		if a.Key != "src" {
			continue
		}
		u, err := url.Parse(a.Val)
		if err != nil || u.Scheme != "https" || u.User != nil || !slices.Contains(hosts, strings.ToLower(u.Hostname())) || u.Port() != "" {
			return fmt.Errorf("a script's src %q is not an https URL on %s", a.Val, strings.Join(hosts, " or "))
		}
		return nil
	}
	return errors.New("a script without src")
}

// Style is a seal's language ("ja" or "en") and theme.
type Style struct {
	Lang string
	Dark bool
}

// snippetTemplate wraps the CA's checked seal in a container of ours that names the lineage's
// seal ID and the style; html/template escapes every value.
var snippetTemplate = template.Must(template.New("seal").Parse(
	`<div class="jstore-seal" data-seal="{{.ID}}" data-lang="{{.Lang}}" data-theme="{{.Theme}}">{{.Seal}}</div>`))

// Snippet wraps a checked seal for a lineage's page: the same for the lineage whatever it is
// reissued or renewed to, since sealID is the lineage's.
func Snippet(sealID string, st Style, checked template.HTML) (template.HTML, error) {
	if st.Lang != "ja" && st.Lang != "en" {
		return "", fmt.Errorf("seal: language %q: want ja or en", st.Lang)
	}
	theme := "light"
	if st.Dark {
		theme = "dark"
	}
	var b strings.Builder
	err := snippetTemplate.Execute(&b, struct {
		ID, Lang, Theme string
		Seal            template.HTML
	}{sealID, st.Lang, theme, checked})
	return template.HTML(b.String()), err
}
