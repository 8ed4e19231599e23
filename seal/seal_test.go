package seal_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/seal"
)

const good = `<span id="siteseal"><script async type="text/javascript" src="https://seal.starfieldtech.com/getSeal?sealID=abc&amp;theme=LIGHT&amp;locale=ja"></script></span>`

// TestCheck accepts the CA's seal only in its expected shape.
func TestCheck(t *testing.T) {
	t.Parallel()
	got, err := seal.Check(good)
	require.NoError(t, err)
	assert.Equal(t, good, string(got))
	_, err = seal.Check(strings.Replace(good, "starfieldtech", "godaddy", 1))
	assert.NoError(t, err, "the GoDaddy brand's host")

	tests := map[string]string{
		"another host":            strings.Replace(good, "seal.starfieldtech.com", "evil.example", 1),
		"a look-alike host":       strings.Replace(good, "seal.starfieldtech.com", "seal.starfieldtech.com.evil.example", 1),
		"http":                    strings.Replace(good, "https://", "http://", 1),
		"a port":                  strings.Replace(good, "starfieldtech.com/", "starfieldtech.com:8443/", 1),
		"credentials in the URL":  strings.Replace(good, "https://", "https://user@", 1),
		"javascript URL":          strings.Replace(good, "https://seal.starfieldtech.com/getSeal", "javascript:alert(1)//", 1),
		"inline script":           `<span id="siteseal"><script>alert(1)</script></span>`,
		"script with content":     strings.Replace(good, "></script>", ">alert(1)</script>", 1),
		"an event handler":        strings.Replace(good, `id="siteseal"`, `id="siteseal" onmouseover="alert(1)"`, 1),
		"an iframe":               `<span id="siteseal"><iframe src="https://seal.starfieldtech.com/x"></iframe></span>`,
		"an img":                  strings.Replace(good, "</span>", `<img src=x onerror=alert(1)></span>`, 1),
		"text":                    strings.Replace(good, "</span>", "Click here</span>", 1),
		"two containers":          good + good,
		"no container":            `<script async src="https://seal.starfieldtech.com/getSeal"></script>`,
		"unclosed":                strings.TrimSuffix(good, "</span>"),
		"a comment":               good + "<!-- x -->",
		"a script without src":    `<span id="siteseal"><script async></script></span>`,
		"a style attribute":       strings.Replace(good, `id="siteseal"`, `style="position:fixed"`, 1),
		"empty":                   "",
		"far too long":            `<span id="siteseal">` + strings.Repeat(" ", 9000) + `</span>`,
		"a nested container":      `<span id="siteseal"><span><script async src="https://seal.starfieldtech.com/x"></script></span></span>`,
		"a self-closing script":   `<span id="siteseal"><script src="https://seal.starfieldtech.com/x"/></span>`,
		"an uppercase evil host":  strings.Replace(good, "seal.starfieldtech.com", "EVIL.example", 1),
		"a protocol-relative src": strings.Replace(good, "https://", "//", 1),
	}
	for name, raw := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := seal.Check(raw)
			assert.ErrorIs(t, err, seal.ErrShape)
		})
	}
	_, err = seal.Check(strings.Replace(good, "seal.starfieldtech.com", "seal.panel.example", 1), "seal.panel.example")
	assert.NoError(t, err, "a host of the caller's list")
}

// TestSnippet: our wrapper escapes what it is given and names the lineage's seal.
func TestSnippet(t *testing.T) {
	t.Parallel()
	checked, err := seal.Check(good)
	require.NoError(t, err)
	got, err := seal.Snippet(`seal_1"><script>x</script>`, seal.Style{Lang: "ja", Dark: true}, checked)
	require.NoError(t, err)
	assert.Contains(t, string(got), `data-seal="seal_1&#34;&gt;&lt;script&gt;x&lt;/script&gt;"`, "escaped")
	assert.Contains(t, string(got), `data-lang="ja" data-theme="dark"`)
	assert.Contains(t, string(got), good, "the checked seal as it is")
	_, err = seal.Snippet("seal_1", seal.Style{Lang: "fr"}, checked)
	assert.Error(t, err)
}
