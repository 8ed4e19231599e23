package jstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

func TestStep1Refusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	single, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	multi, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5})
	require.NoError(t, err)
	wild, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_WILDCARD_SSL", Term: 1})
	require.NoError(t, err)
	good := testkit.CSR(t, nil, "www.example.jp")
	keyPEM := "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"
	many := make([]string, 101)
	for i := range many {
		many[i] = "h" + strings.Repeat("x", i%5) + ".example.jp"
	}
	six := []string{"a.example.jp", "b.example.jp", "c.example.jp", "d.example.jp", "e.example.jp", "f.example.jp"}
	tests := []struct {
		name string
		app  jstore.Application
		st   jstore.Step1
		want string
	}{
		{"empty CSR", single, jstore.Step1{}, "pem_missing"},
		{"oversized CSR", single, jstore.Step1{CSR: strings.Repeat("A", jstore.MaxCSRBytes+1)}, "input_too_large"},
		{"private key", single, jstore.Step1{CSR: good + keyPEM}, "private_key"},
		{"no BEGIN line", single, jstore.Step1{CSR: strings.SplitN(good, "\n", 2)[1]}, "pem_missing"},
		{"mangled base64", single, jstore.Step1{CSR: strings.Replace(good, "MII", "M!I", 1)}, "pem_malformed"},
		{"truncated DER", single, jstore.Step1{CSR: "-----BEGIN CERTIFICATE REQUEST-----\nMIIBIjAN\n-----END CERTIFICATE REQUEST-----\n"}, "der_malformed"},
		{"binary pasted", single, jstore.Step1{CSR: "\x30\x82\x01\x00\x00"}, "pem_missing"},
		{"SANs on single", single, jstore.Step1{CSR: good, SANs: []string{"a.example.jp"}}, "san_not_allowed"},
		{"101 SANs", multi, jstore.Step1{CSR: good, SANs: many}, "san_too_many"},
		{"SANs over slots", multi, jstore.Step1{CSR: good, SANs: six}, "san_over_slots"},
		{"SAN not a name", multi, jstore.Step1{CSR: good, SANs: []string{"exa mple.jp"}}, "san_invalid"},
		{"SAN over 253 bytes", multi, jstore.Step1{CSR: good, SANs: []string{strings.Repeat("a.", 127) + "jp"}}, "san_invalid"},
		{"SAN control char", multi, jstore.Step1{CSR: good, SANs: []string{"a\x07.example.jp"}}, "san_invalid"},
		{"SAN wildcard", multi, jstore.Step1{CSR: good, SANs: []string{"*.example.jp"}}, "san_wildcard"},
		{"SAN single label", multi, jstore.Step1{CSR: good, SANs: []string{"intranet"}}, "san_internal"},
		{"SAN internal name", multi, jstore.Step1{CSR: good, SANs: []string{"host.local"}}, "san_internal"},
		{"SAN with a zero-width space", multi, jstore.Step1{CSR: good, SANs: []string{"shop.exa\u200bmple.jp"}}, "san_invisible"},
		{"SAN in full-width letters", multi, jstore.Step1{CSR: good, SANs: []string{"ｓｈｏｐ.example.jp"}}, "san_fullwidth"},
		{"SAN mixing Cyrillic and Latin", multi, jstore.Step1{CSR: good, SANs: []string{"\u0430pple.com"}}, "san_mixed_script"},
		{"SAN public suffix", multi, jstore.Step1{CSR: good, SANs: []string{"co.jp"}}, "san_invalid"},
		{"SAN an IP address", multi, jstore.Step1{CSR: good, SANs: []string{"192.0.2.1"}}, "san_ip"},
		{"wildcard CN on single", single, jstore.Step1{CSR: testkit.CSR(t, nil, "*.example.jp")}, "cn_wildcard"},
		{"plain CN on wildcard", wild, jstore.Step1{CSR: good}, "cn_wildcard"},
		{"CN missing", single, jstore.Step1{CSR: testkit.CSR(t, nil, "")}, "cn_missing"},
		{"CN single label", single, jstore.Step1{CSR: testkit.CSR(t, nil, "localhost")}, "cn_internal"},
		{"CN with a space", single, jstore.Step1{CSR: testkit.CSR(t, nil, "my site.example.jp")}, "cn_invalid"},
		{"CN an IP address", single, jstore.Step1{CSR: testkit.CSR(t, nil, "192.0.2.1")}, "cn_ip"},
		{"org control char", single, jstore.Step1{CSR: good, Organization: jstore.Organization{Name: "A\tB"}}, "control_character"},
		{"org name with a right-to-left override", single, jstore.Step1{CSR: good, Organization: jstore.Organization{Name: "Example \u202eKK"}}, "control_character"},
		{"org name with a zero-width space", single, jstore.Step1{CSR: good, Organization: jstore.Organization{Name: "Exa\u200bmple KK"}}, "control_character"},
		{"org address with a byte-order mark", single, jstore.Step1{CSR: good, Organization: jstore.Organization{Address: "\ufeff1-1 Chiyoda"}}, "control_character"},
		{"org oversized", single, jstore.Step1{CSR: good, Organization: jstore.Organization{Address: strings.Repeat("x", 600)}}, "too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.SubmitStep1(ctx, acct, tc.app.ID, tc.st)
			assert.Contains(t, problemCodes(t, err), tc.want)
			assert.NotContains(t, err.Error(), "MIIEowIBAAKCAQEA", "never echo pasted input")
			got, err := f.svc.GetApplication(ctx, acct, tc.app.ID)
			require.NoError(t, err)
			assert.Equal(t, tc.app, got, "a failing step 1 keeps the application where it was")
		})
	}
}

func TestStep1NormalisesSANs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	app, err := f.svc.StartNew(t.Context(), acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5})
	require.NoError(t, err)
	app, err = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{
		CSR:  "  \r\n" + strings.ReplaceAll(testkit.CSR(t, nil, "WWW.Example.JP"), "\n", "\r\n") + "\r\n ",
		SANs: []string{"Mail.Example.JP", "mail.example.jp", " shop.example.jp ", "www.example.jp", "例え.jp", "a.example.jp", "b.example.jp"},
	})
	require.NoError(t, err)
	assert.Equal(t, "www.example.jp", app.CommonName)
	assert.Equal(t, []string{"mail.example.jp", "shop.example.jp", "xn--r8jz45g.jp", "a.example.jp", "b.example.jp"}, app.SANs,
		"lower-cased, trimmed, A-labels, de-duplicated, without the CN; five fill five slots")
	assert.True(t, app.Step1Done)
	assert.Equal(t, jstore.StatusProductSelected, app.Status, "step 1 alone does not make it orderable")
}

func TestStep2(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	assert.ErrorIs(t, err, jstore.ErrState, "step 2 before step 1")
	app, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.shop.example.co.jp")})
	require.NoError(t, err)

	tests := []struct {
		name string
		st   jstore.Step2
		want []string
	}{
		{"dns", jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield}, nil},
		{"file", jstore.Step2{DCV: jstore.DCVFile, Root: jstore.RootGoDaddy}, nil},
		{"admin at the name", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@www.shop.example.co.jp", Root: jstore.RootStarfield}, nil},
		{"webmaster at a parent", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "WebMaster@shop.example.co.jp", Root: jstore.RootStarfield}, nil},
		{"postmaster at the registrable domain", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "postmaster@example.co.jp", Root: jstore.RootStarfield}, nil},
		{"above the registrable domain", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@co.jp", Root: jstore.RootStarfield}, []string{"approver_invalid"}},
		{"another domain", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.com", Root: jstore.RootStarfield}, []string{"approver_invalid"}},
		{"a look-alike suffix", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@xexample.co.jp", Root: jstore.RootStarfield}, []string{"approver_invalid"}},
		{"a local part not constructed", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "info@example.co.jp", Root: jstore.RootStarfield}, []string{"approver_invalid"}},
		{"no approver", jstore.Step2{DCV: jstore.DCVEmail, Root: jstore.RootStarfield}, []string{"approver_invalid"}},
		{"approver with dns", jstore.Step2{DCV: jstore.DCVDNS, ApproverEmail: "admin@example.co.jp", Root: jstore.RootStarfield}, []string{"approver_unexpected"}},
		{"no method", jstore.Step2{Root: jstore.RootStarfield}, []string{"dcv_invalid"}},
		{"no root", jstore.Step2{DCV: jstore.DCVDNS}, []string{"root_invalid"}},
		{"oversized approver", jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: strings.Repeat("a", 300), Root: jstore.RootStarfield}, []string{"approver_invalid"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.svc.SubmitStep2(ctx, acct, app.ID, tc.st)
			if tc.want == nil {
				require.NoError(t, err)
				assert.Equal(t, jstore.StatusInfoRegistered, got.Status)
				return
			}
			assert.Equal(t, tc.want, problemCodes(t, err))
		})
	}
}

func TestEmailDCVSunset(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	require.NoError(t, err)
	st := jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.jp", Root: jstore.RootStarfield}
	sunset := time.Date(2028, 3, 15, 0, 0, 0, 0, time.UTC)
	f.clock.Set(sunset.Add(-time.Nanosecond))
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, st)
	require.NoError(t, err, "the last instant before the sunset (09:00 JST on 15 March)")
	f.clock.Set(sunset)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, st)
	assert.Equal(t, []string{"dcv_email_sunset"}, problemCodes(t, err))
	st.DCV, st.ApproverEmail = jstore.DCVDNS, ""
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, st)
	assert.NoError(t, err, "unique-ID methods continue")
}

func TestWildcardCannotUseFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_WILDCARD_SSL", Term: 1})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "*.example.jp")})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVFile, Root: jstore.RootStarfield})
	assert.Equal(t, []string{"dcv_file_wildcard"}, problemCodes(t, err))
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.jp", Root: jstore.RootStarfield})
	assert.NoError(t, err, "a wildcard may use approver e-mail at the base domain")
}

func TestStep1EditAfterRegistration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	app, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: "admin@example.jp", Root: jstore.RootStarfield})
	require.NoError(t, err)

	same, err := f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "shop.example.jp")})
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, same.Status, "the approver still fits: stays registered (訂正)")

	moved, err := f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.com")})
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusProductSelected, moved.Status, "the approver no longer fits: step 2 must be redone")
	assert.Empty(t, moved.ApproverEmail)
}
