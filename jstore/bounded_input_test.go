package jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// TestBoundedInput: an oversized string or list is refused at its limit with a short answer in
// both languages; nothing grows with the size of what was sent (a 1 MB address is not echoed,
// 100,000 items are not each judged). The most an answer holds is one short line for each item
// up to a list's limit (100 SANs, each wrong).
func TestBoundedInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t, jstore.WithMailer(&recordingMailer{}, "support@reseller.example"))
	ctx := t.Context()
	acct := f.account(t, "bounded")
	single, err := f.svc.StartNew(ctx, acct, dv1)
	require.NoError(t, err)
	multi, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5})
	require.NoError(t, err)
	good := testkit.CSR(t, nil, "www.example.jp")
	mega := strings.Repeat("a", 1<<20)
	many := func(n int, v string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	manyIDs := make([]jstore.ApplicationID, 100_000)
	for i := range manyIDs {
		manyIDs[i] = jstore.ApplicationID(strings.Repeat("x", i%7+1))
	}
	withCustomer := func(edit func(*jstore.CustomerInfo)) jstore.CustomerInfo {
		c := customer
		edit(&c)
		return c
	}
	tests := []struct {
		name string
		call func(context.Context) error
	}{
		{"mail recipient of 1 MB", func(ctx context.Context) error {
			return f.svc.SendCertificate(ctx, acct, "crt_none", jstore.FormatChain, mega+"@example.jp")
		}},
		{"100,000 mail recipients", func(ctx context.Context) error {
			return f.svc.SendCertificate(ctx, acct, "crt_none", jstore.FormatChain, many(100_000, mega)...)
		}},
		{"approver address of 1 MB", func(ctx context.Context) error {
			_, err := f.svc.SubmitStep2(ctx, acct, single.ID, jstore.Step2{DCV: jstore.DCVEmail, ApproverEmail: mega + "@example.jp", Root: jstore.RootStarfield})
			return err
		}},
		{"CSR of 10 MB", func(ctx context.Context) error {
			_, err := f.svc.SubmitStep1(ctx, acct, single.ID, jstore.Step1{CSR: strings.Repeat(mega, 10)})
			return err
		}},
		{"100,000 SANs", func(ctx context.Context) error {
			_, err := f.svc.SubmitStep1(ctx, acct, multi.ID, jstore.Step1{CSR: good, SANs: many(100_000, mega)})
			return err
		}},
		{"100 SANs of 1 MB", func(ctx context.Context) error {
			_, err := f.svc.SubmitStep1(ctx, acct, multi.ID, jstore.Step1{CSR: good, SANs: many(100, mega)})
			return err
		}},
		{"organisation of 1 MB", func(ctx context.Context) error {
			_, err := f.svc.SubmitStep1(ctx, acct, single.ID, jstore.Step1{CSR: good, Organization: jstore.Organization{Name: mega, Address: mega, PostalCode: mega, Phone: mega}})
			return err
		}},
		{"100,000 applications in one order", func(ctx context.Context) error {
			_, err := f.svc.CompleteOrder(ctx, acct, manyIDs)
			return err
		}},
		{"customer fields of 1 MB", func(ctx context.Context) error {
			return f.svc.UpdateCustomer(ctx, acct, withCustomer(func(c *jstore.CustomerInfo) {
				c.Company, c.Department, c.ContactName, c.Email, c.Phone, c.PostalCode, c.Address = mega, mega, mega, mega, mega, mega, mega
			}))
		}},
		{"login ID and password of 1 MB", func(ctx context.Context) error {
			_, err := f.svc.Register(ctx, jstore.RegisterRequest{LoginID: mega, Password: mega, Customer: customer})
			return err
		}},
		{"new login ID of 1 MB", func(ctx context.Context) error {
			return f.svc.ChangeLoginID(ctx, acct, "correct horse 1", mega)
		}},
		{"revocation message of 10 MB", func(ctx context.Context) error {
			_, err := f.svc.RequestRevocation(ctx, acct, "crt_none", jstore.ReasonKeyCompromise, strings.Repeat(mega, 10))
			return err
		}},
		{"product code of 1 MB", func(ctx context.Context) error {
			_, err := f.svc.StartNew(ctx, acct, jstore.Selection{ProductCode: mega, Term: 1})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(ctx)
			require.ErrorIs(t, err, jstore.ErrInvalid)
			for _, text := range []string{err.Error(), jstore.ErrorMessage(err, message.Japanese), jstore.ErrorMessage(err, message.English)} {
				assert.Less(t, len(text), 16<<10, "the answer does not grow with the input: %.200s…", text)
			}
		})
	}
}
