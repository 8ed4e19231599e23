package jstore

import "github.com/jstore-sdk/sdk/message"

// ChoiceProblems lists what is wrong with choosing term years and sanSlots SAN slots of p —
// codes term_invalid, san_slots_not_allowed, san_slots_invalid — with the allowed values
// listed in each language; none when the choice is sold.
func (p Product) ChoiceProblems(term, sanSlots int) []Problem {
	var ps problems
	if !p.AllowsTerm(term) {
		ps.add("term_invalid", "term", arg("terms", message.Choices{Ns: p.Terms, Unit: message.Years}))
	}
	switch {
	case p.Kind != ProductMultiDomain && sanSlots != 0:
		ps.add("san_slots_not_allowed", "san_slots")
	case p.Kind == ProductMultiDomain && !p.AllowsSlots(sanSlots):
		ps.add("san_slots_invalid", "san_slots", arg("slots", message.Choices{Ns: p.SANSlots, Unit: message.SANSlots}))
	}
	return ps
}
