package jstore

import "fmt"

// ChoiceProblems lists what is wrong with choosing term years and sanSlots SAN slots of p —
// codes term_invalid, san_slots_not_allowed, san_slots_invalid — with the allowed values
// listed in each language; none when the choice is sold.
func (p Product) ChoiceProblems(term, sanSlots int) []Problem {
	var ps problems
	if !p.AllowsTerm(term) {
		ps.add("term_invalid", "term", fmt.Sprintf("この商品の期間は%sから選んでください。", jaList(p.Terms, "年")), fmt.Sprintf("choose a term of %s years for this product", enList(p.Terms)))
	}
	switch {
	case p.Kind != KindMultiDomain && sanSlots != 0:
		ps.add("san_slots_not_allowed", "san_slots", "付帯ドメイン数はマルチドメイン証明書でのみ選べます。", "SAN slots can be chosen only for multi-domain products")
	case p.Kind == KindMultiDomain && !p.AllowsSlots(sanSlots):
		ps.add("san_slots_invalid", "san_slots", fmt.Sprintf("付帯ドメイン数は%sから選んでください。", jaList(p.SANSlots, "件")), fmt.Sprintf("choose SAN slots from %s", enList(p.SANSlots)))
	}
	return ps
}
