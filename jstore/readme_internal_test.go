package jstore

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/message"
)

var updateREADME = flag.Bool("update", false, "rewrite README's generated tables")

// TestREADMETables checks the tables README generates from code — the product codes of the
// default catalogue and every problem and refusal text — and rewrites them with -update.
func TestREADMETables(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	blocks := map[string]string{
		"products": productTable(DefaultCatalogue()),
		"problems": textTable(problemTexts),
		"states":   textTable(stateTexts),
		"flags":    textTable(flagTexts),
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range blocks {
			if !yield(k) {
				return
			}
		}
	}) {
		begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
		i, j := strings.Index(readme, begin), strings.Index(readme, end)
		require.True(t, i >= 0 && j > i, "README has the %s markers", name)
		if *updateREADME {
			readme = readme[:i+len(begin)] + blocks[name] + readme[j:]
			continue
		}
		assert.Equal(t, blocks[name], readme[i+len(begin):j], "README's %s table is stale: go test ./jstore -run TestREADME -update", name)
	}
	if *updateREADME {
		require.NoError(t, os.WriteFile("../README.md", []byte(readme), 0o644))
	}
}

func productTable(c *Catalogue) string {
	var b strings.Builder
	b.WriteString("| code | 商品名 | name | kind | validation | terms (years) | SAN slots | CA product type |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, p := range c.Products() {
		slots := "—"
		if len(p.SANSlots) > 0 {
			slots = message.Choices{Ns: p.SANSlots}.Render(message.English)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | `%s` |\n", p.Code, p.NameJA, p.NameEN, p.Kind, p.Level,
			message.Choices{Ns: p.Terms}.Render(message.English), slots, p.UpstreamType)
	}
	return b.String()
}

func textTable(texts map[string]message.Text) string {
	var b strings.Builder
	b.WriteString("| code | 日本語 | English |\n| --- | --- | --- |\n")
	for _, code := range slices.Sorted(func(yield func(string) bool) {
		for k := range texts {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", code, texts[code].JA, texts[code].EN)
	}
	return b.String()
}
