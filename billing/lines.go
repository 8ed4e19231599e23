package billing

import (
	"fmt"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// lineDescription is what a document says was sold on l, in lang: the product, new or
// renewal, the term and the SAN slots, and the common name.
//
//	ドメイン認証SSL（新規・1年） www.example.jp
//	Domain Validation SSL (new, 1 year) www.example.jp
func lineDescription(l jstore.BillLine, lang message.Lang) string {
	var s string
	if lang == message.Japanese {
		kind := map[jstore.ApplicationKind]string{jstore.AppNew: "新規", jstore.AppRenewal: "更新"}[l.Kind]
		s = fmt.Sprintf("%s（%s・%d年", l.Product.Name("ja"), kind, l.Term)
		if l.SANSlots > 0 {
			s += fmt.Sprintf("・付帯ドメイン%d", l.SANSlots)
		}
		s += "）"
	} else {
		kind := map[jstore.ApplicationKind]string{jstore.AppNew: "new", jstore.AppRenewal: "renewal"}[l.Kind]
		years := "years"
		if l.Term == 1 {
			years = "year"
		}
		s = fmt.Sprintf("%s (%s, %d %s", l.Product.Name("en"), kind, l.Term, years)
		if l.SANSlots > 0 {
			s += fmt.Sprintf(", %d SANs", l.SANSlots)
		}
		s += ")"
	}
	if l.CommonName != "" {
		s += " " + l.CommonName
	}
	return s
}
