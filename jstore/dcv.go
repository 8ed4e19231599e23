package jstore

import (
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore/cabf"
	"github.com/jstore-sdk/sdk/message"

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
		ps.add("root_invalid", "root")
	}
	wildcard := slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "*.") })
	switch st.DCV {
	case DCVDNS:
	case DCVFile:
		if wildcard {
			ps.add("dcv_file_wildcard", "dcv")
		}
	case DCVEmail:
		if !now.Before(cabf.EmailDCVSunset()) {
			ps.add("dcv_email_sunset", "dcv", arg("sunset", message.Day{T: cabf.EmailDCVSunset()}))
		} else if !approverFits(st.ApproverEmail, names[0]) {
			ps.add("approver_invalid", "approver_email")
		}
	default:
		ps.add("dcv_invalid", "dcv")
	}
	if st.DCV != DCVEmail && st.ApproverEmail != "" {
		ps.add("approver_unexpected", "approver_email")
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
