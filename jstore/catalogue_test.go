package jstore_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

func TestDefaultCatalogue(t *testing.T) {
	t.Parallel()
	c := jstore.DefaultCatalogue()
	var upstream []string
	for _, p := range c.Products() {
		upstream = append(upstream, p.UpstreamType)
		if p.Kind == jstore.ProductMultiDomain {
			assert.Equal(t, jstore.AllowedSANSlots(), p.SANSlots, p.Code)
		} else {
			assert.Empty(t, p.SANSlots, p.Code)
		}
		assert.NotEmpty(t, p.Name("ja"))
		assert.NotEqual(t, p.Name("ja"), p.Name("en"))
	}
	assert.ElementsMatch(t, []string{"DV_SSL", "DV_WILDCARD_SSL", "OV_SSL", "OV_WILDCARD_SSL", "EV_SSL", "UCC_DV_SSL", "UCC_OV_SSL", "UCC_EV_SSL"}, upstream)
	assert.Equal(t, []int{5, 10, 15, 20, 30, 40, 50, 100}, jstore.AllowedSANSlots())
}

func TestNewCatalogueRejects(t *testing.T) {
	t.Parallel()
	good := jstore.Product{Code: "X", NameJA: "エックス", NameEN: "X", Kind: jstore.ProductSingle, Level: jstore.LevelDV, Terms: []int{1}, UpstreamType: "DV_SSL"}
	multi := good
	multi.Kind, multi.SANSlots = jstore.ProductMultiDomain, []int{5}
	tests := map[string]func(p *jstore.Product){
		"no code":             func(p *jstore.Product) { p.Code = "" },
		"no Japanese name":    func(p *jstore.Product) { p.NameJA = "" },
		"no upstream":         func(p *jstore.Product) { p.UpstreamType = "" },
		"no terms":            func(p *jstore.Product) { p.Terms = nil },
		"term 4":              func(p *jstore.Product) { p.Terms = []int{4} },
		"term 0":              func(p *jstore.Product) { p.Terms = []int{0} },
		"bad kind":            func(p *jstore.Product) { p.Kind = "double" },
		"bad level":           func(p *jstore.Product) { p.Level = "XV" },
		"slots on single":     func(p *jstore.Product) { p.SANSlots = []int{5} },
		"multi without slots": func(p *jstore.Product) { p.Kind = jstore.ProductMultiDomain },
		"slot 7":              func(p *jstore.Product) { p.Kind, p.SANSlots = jstore.ProductMultiDomain, []int{5, 7} },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			p := good
			mutate(&p)
			_, err := jstore.NewCatalogue([]jstore.Product{p})
			assert.Error(t, err)
		})
	}
	_, err := jstore.NewCatalogue([]jstore.Product{good, good})
	assert.ErrorContains(t, err, "duplicate")
	_, err = jstore.NewCatalogue(nil)
	assert.Error(t, err)
	c, err := jstore.NewCatalogue([]jstore.Product{good, func() jstore.Product { m := multi; m.Code = "M"; return m }()})
	require.NoError(t, err)
	p, ok := c.Lookup("M")
	require.True(t, ok)
	assert.True(t, p.AllowsSlots(5))
	assert.False(t, p.AllowsSlots(10))
}

func TestSelection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	tests := []struct {
		sel  jstore.Selection
		want []string
	}{
		{jstore.Selection{ProductCode: "DV_SSL", Term: 1}, nil},
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 3, SANSlots: 100}, nil},
		{jstore.Selection{ProductCode: "NOPE", Term: 1}, []string{"product_unknown"}},
		{jstore.Selection{ProductCode: "DV_SSL", Term: 4}, []string{"term_invalid"}},
		{jstore.Selection{ProductCode: "DV_SSL", Term: 0}, []string{"term_invalid"}},
		{jstore.Selection{ProductCode: "DV_SSL", Term: 1, SANSlots: 5}, []string{"san_slots_not_allowed"}},
		{jstore.Selection{ProductCode: "DV_WILDCARD_SSL", Term: 1, SANSlots: 5}, []string{"san_slots_not_allowed"}},
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1}, []string{"san_slots_invalid"}},
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 25}, []string{"san_slots_invalid"}},
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: -5}, []string{"san_slots_invalid"}},
		{jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 9, SANSlots: 101}, []string{"term_invalid", "san_slots_invalid"}},
	}
	for _, tc := range tests {
		app, err := f.svc.StartNew(t.Context(), acct, tc.sel)
		if tc.want == nil {
			require.NoError(t, err, "%+v", tc.sel)
			assert.Equal(t, jstore.StatusProductSelected, app.Status)
			continue
		}
		assert.Equal(t, tc.want, problemCodes(t, err), "%+v", tc.sel)
	}
	d, err := f.svc.Dashboard(t.Context(), acct)
	require.NoError(t, err)
	assert.Equal(t, 2, d.PendingApplications, "only the valid selections were stored")

	_, err = f.svc.StartNew(t.Context(), acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 9, SANSlots: 101})
	var verr *jstore.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "この商品の期間は1年・2年・3年から選んでください。", verr.Problems[0].Message(message.Japanese), "a Japanese list, no Go formatting")
	assert.Equal(t, "choose a term of 1, 2 or 3 years for this product", verr.Problems[0].Message(message.English))
	assert.Equal(t, "付帯ドメイン数は5件・10件・15件・20件・30件・40件・50件・100件から選んでください。", verr.Problems[1].Message(message.Japanese))
}
