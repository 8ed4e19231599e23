package jstore_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

func TestRevocationInquiries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	a, b := f.account(t, "taro"), f.account(t, "hanako")
	ca := f.issued(t, a, dv1, "www.example.jp")
	cb := f.issued(t, b, dv1, "www.example.com")

	for _, tc := range []struct {
		reason jstore.RevocationReason
		msg    string
		code   string
	}{
		{"CA_COMPROMISE", "", "reason_invalid"},
		{"", "", "reason_invalid"},
		{jstore.ReasonSuperseded, strings.Repeat("あ", 4001), "too_long"},
		{jstore.ReasonSuperseded, "bell\a", "control_character"},
		{jstore.ReasonSuperseded, "bad \xff utf-8", "control_character"},
	} {
		_, err := f.svc.RequestRevocation(ctx, a, ca.ID, tc.reason, tc.msg)
		assert.Equal(t, []string{tc.code}, problemCodes(t, err), "%q", tc.reason)
	}
	qa, err := f.svc.RequestRevocation(ctx, a, ca.ID, jstore.ReasonKeyCompromise, "key leaked")
	require.NoError(t, err)
	qb, err := f.svc.RequestRevocation(ctx, b, cb.ID, jstore.ReasonCessationOfOperation, "閉鎖します")
	require.NoError(t, err)

	own, err := f.svc.ListInquiries(ctx, a, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Equal(t, []jstore.Inquiry{qa}, own.Items)
	all, err := f.svc.Staff().ListInquiries(ctx, jstore.InquiryOpen, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Equal(t, []jstore.Inquiry{qa, qb}, all.Items)

	resolved, err := f.svc.Staff().Resolve(ctx, qa.ID, true, "revoked at the CA")
	require.NoError(t, err)
	assert.Equal(t, jstore.InquiryRevoked, resolved.Status)
	_, err = f.svc.Staff().Resolve(ctx, qa.ID, false, "")
	assert.ErrorIs(t, err, jstore.ErrState, "resolving twice")
	declined, err := f.svc.Staff().Resolve(ctx, qb.ID, false, "customer withdrew")
	require.NoError(t, err)
	assert.Equal(t, jstore.InquiryDeclined, declined.Status)
	_, err = f.svc.Staff().Resolve(ctx, "inq_missing", true, "")
	assert.ErrorIs(t, err, jstore.ErrNotFound)

	gotA, err := f.svc.GetCertificate(ctx, a, ca.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertRevoked, gotA.Status)
	gotB, err := f.svc.GetCertificate(ctx, b, cb.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertIssued, gotB.Status)
	open, err := f.svc.Staff().ListInquiries(ctx, jstore.InquiryOpen, jstore.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, open.Items)

	hist, err := f.svc.History(ctx, a, ca.ID, jstore.ListOptions{})
	require.NoError(t, err)
	last := hist.Items[len(hist.Items)-1]
	assert.Equal(t, jstore.EventInquiryResolved, last.Type)
	assert.Equal(t, jstore.EventCertificateRevoked, hist.Items[len(hist.Items)-2].Type)
}

func TestRevokingDropsPendingWork(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	acct := f.account(t, "taro")
	cert := f.issued(t, acct, dv1, "www.example.jp")
	reissue, err := f.svc.StartReissue(ctx, acct, cert.ID)
	require.NoError(t, err)
	q, err := f.svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonKeyCompromise, "")
	require.NoError(t, err)
	f.clock.Set(jst(2027, 10, 1, 9, 0, 0))
	renewal, err := f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	require.NoError(t, err)

	_, err = f.svc.Staff().Resolve(ctx, q.ID, true, "key compromise confirmed")
	require.NoError(t, err, "staff can revoke a locked certificate")
	got, err := f.svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertRevoked, got.Status)
	assert.False(t, got.Locked())
	assert.Empty(t, got.OpenReissue)
	for _, id := range []jstore.ApplicationID{reissue.ID, renewal.ID} {
		_, err := f.svc.GetApplication(ctx, acct, id)
		assert.ErrorIs(t, err, jstore.ErrNotFound, "the unordered work is dropped")
	}
	d, err := f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Equal(t, jstore.Dashboard{}, d)
}

func TestOrderedRenewalOfRevokedCertificateIsNotIssued(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	acct := f.account(t, "taro")
	cert := f.issued(t, acct, dv1, "www.example.jp")
	q, err := f.svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonSuperseded, "")
	require.NoError(t, err)
	f.clock.Set(jst(2027, 10, 1, 9, 0, 0))
	renewal, err := f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	require.NoError(t, err)
	renewal = f.registered(t, acct, renewal, "www.example.jp")
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{renewal.ID})
	require.NoError(t, err)
	_, err = f.svc.Staff().Resolve(ctx, q.ID, true, "")
	require.NoError(t, err)
	renewal, err = f.svc.GetApplication(ctx, acct, renewal.ID)
	require.NoError(t, err, "an ordered renewal stays on record")
	leaf := mustIssue(t, renewal.CSR, f.clock.Now())
	_, err = f.svc.RecordIssuance(ctx, acct, renewal.ID, jstore.Issuance{CertificatePEM: leaf})
	assert.ErrorIs(t, err, jstore.ErrState, "a revoked certificate is not brought back by its renewal")
}
