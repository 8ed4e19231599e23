package dcv_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jstore-sdk/sdk/dcv"
)

func TestCAAAllows(t *testing.T) {
	t.Parallel()
	issuers := []string{"godaddy.com", "starfieldtech.com"}
	issue := func(v string) dcv.CAARecord { return dcv.CAARecord{Tag: "issue", Value: v} }
	tests := []struct {
		name     string
		records  []dcv.CAARecord
		wildcard bool
		want     bool
	}{
		{"no records", nil, false, true},
		{"only iodef", []dcv.CAARecord{{Tag: "iodef", Value: "mailto:a@example.jp"}}, false, true},
		{"the CA named", []dcv.CAARecord{issue("letsencrypt.org"), issue("starfieldtech.com")}, false, true},
		{"with parameters and spaces", []dcv.CAARecord{issue(" GoDaddy.com; account=1")}, false, true},
		{"another CA only", []dcv.CAARecord{issue("letsencrypt.org")}, false, false},
		{"issuance forbidden", []dcv.CAARecord{issue(";")}, false, false},
		{"unknown critical tag", []dcv.CAARecord{issue("godaddy.com"), {Critical: true, Tag: "future"}}, false, false},
		{"unknown tag, not critical", []dcv.CAARecord{issue("godaddy.com"), {Tag: "future"}}, false, true},
		{"issuewild governs a wildcard", []dcv.CAARecord{issue("godaddy.com"), {Tag: "issuewild", Value: "letsencrypt.org"}}, true, false},
		{"issuewild does not govern a plain name", []dcv.CAARecord{issue("godaddy.com"), {Tag: "issuewild", Value: "letsencrypt.org"}}, false, true},
		{"issue governs a wildcard without issuewild", []dcv.CAARecord{issue("starfieldtech.com")}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, dcv.CAAAllows(tc.records, tc.wildcard, issuers))
		})
	}
}
