package jstore

import (
	"github.com/jstore-sdk/sdk/jstore/cabf"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// approverLocals are the constructed addresses of BR 3.2.2.4.4.
var approverLocals = []string{"admin", "administrator", "hostmaster", "postmaster", "webmaster"}

// checkStep2 validates the DCV choice and root option for an application's names (the common
// name first) at now.
func checkStep2(st Step2, names []string, now time.Time) error {
	var ps problems
	switch st.Root {
	case RootStarfield, RootGoDaddy:
	default:
		ps.add("root_invalid", "root", "ルートオプションはStarfieldかGoDaddyを選んでください。", "choose the Starfield or GoDaddy root")
	}
	wildcard := slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "*.") })
	switch st.DCV {
	case DCVDNS:
	case DCVFile:
		if wildcard {
			ps.add("dcv_file_wildcard", "dcv", "ワイルドカード証明書はWebページ認証を使えません。DNS認証を選んでください。", "wildcard certificates cannot use the web-page method; use DNS")
		}
	case DCVEmail:
		if !now.Before(cabf.EmailDCVSunset()) {
			ps.add("dcv_email_sunset", "dcv", "認証メール方式は2028年3月15日以降の発行には使えません。固有ID方式を選んでください。", "approver e-mail validation ends for issuance from 2028-03-15; use a unique-ID method")
		} else if !approverFits(st.ApproverEmail, names[0]) {
			ps.add("approver_invalid", "approver_email", "認証メールの宛先は admin@ administrator@ hostmaster@ postmaster@ webmaster@ と申請ドメイン（または登録ドメインまでの上位ドメイン）の組み合わせにしてください。", "the approver address must be admin@, administrator@, hostmaster@, postmaster@ or webmaster@ at the domain or a parent up to the registrable domain")
		}
	default:
		ps.add("dcv_invalid", "dcv", "ドメイン認証方式を選んでください。", "choose a domain-validation method")
	}
	if st.DCV != DCVEmail && st.ApproverEmail != "" {
		ps.add("approver_unexpected", "approver_email", "認証メール方式以外では宛先は指定できません。", "an approver address is only for the e-mail method")
	}
	return ps.err()
}

// approverFits reports whether addr is a constructed approver address for the common name: one
// of the five local parts at the name or a parent up to its registrable domain. The CA mails
// each SAN's own constructed addresses.
func approverFits(addr, cn string) bool {
	local, domain, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok || !slices.Contains(approverLocals, local) {
		return false
	}
	name := strings.TrimPrefix(cn, "*.")
	reg, err := publicsuffix.EffectiveTLDPlusOne(name)
	if err != nil {
		return false
	}
	if domain != name && !strings.HasSuffix(name, "."+domain) {
		return false
	}
	return domain == reg || strings.HasSuffix(domain, "."+reg)
}
