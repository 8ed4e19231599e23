package jstore_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
)

func TestReissueMultiDomain(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	cert := f.issued(t, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "mail.example.jp", "old.example.jp")

	app, err := f.svc.StartReissue(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.AppReissue, app.Kind)
	assert.Equal(t, cert.SANs, app.SANs, "prefilled with the current SANs")
	_, err = f.svc.StartReissue(ctx, acct, cert.ID)
	assert.ErrorIs(t, err, jstore.ErrState, "one open reissue at a time")

	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "shop.example.jp")})
	assert.Contains(t, problemCodes(t, err), "cn_mismatch")
	six := []string{"a.example.jp", "b.example.jp", "c.example.jp", "d.example.jp", "e.example.jp", "f.example.jp"}
	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), SANs: six, Organization: org})
	assert.Equal(t, []string{"san_over_slots"}, problemCodes(t, err))
	_, err = f.svc.SubmitReissue(ctx, acct, app.ID)
	assert.ErrorIs(t, err, jstore.ErrState, "steps first")

	_, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), SANs: []string{"mail.example.jp", "new.example.jp"}, Organization: org})
	require.NoError(t, err)
	_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy})
	require.NoError(t, err)
	_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	assert.ErrorIs(t, err, jstore.ErrState, "a reissue is free: it never enters an order")
	app, err = f.svc.SubmitReissue(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusOrdered, app.Status)

	reissued := f.issueFor(t, acct, app)
	assert.Equal(t, cert.ID, reissued.ID)
	assert.Equal(t, cert.SealID, reissued.SealID)
	assert.Equal(t, cert.SubscriptionEnd, reissued.SubscriptionEnd, "a reissue does not move the subscription end")
	assert.Equal(t, []string{"mail.example.jp", "new.example.jp"}, reissued.SANs)
	assert.Equal(t, jstore.RootGoDaddy, reissued.Root)
	assert.Empty(t, reissued.OpenReissue)

	hist, err := f.svc.History(ctx, acct, cert.ID, jstore.ListOptions{})
	require.NoError(t, err)
	var requested, done *jstore.Event
	for i, e := range hist.Items {
		switch e.Type {
		case jstore.EventReissueRequested:
			requested = &hist.Items[i]
		case jstore.EventCertificateReissued:
			done = &hist.Items[i]
		}
	}
	require.NotNil(t, requested)
	require.NotNil(t, done)
	assert.Equal(t, map[string]string{"csr": "replaced", "root": "starfield -> godaddy", "sans_added": "new.example.jp", "sans_removed": "old.example.jp"}, requested.Detail)
	assert.Equal(t, cert.SerialHex, done.Detail["replaces_serial"])

	_, err = f.svc.StartReissue(ctx, acct, cert.ID)
	assert.NoError(t, err, "the next reissue may start once the last is issued")
}

func TestReissueSingleDomainRefusesSANs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	cert := f.issued(t, acct, dv1, "www.example.jp")
	app, err := f.svc.StartReissue(t.Context(), acct, cert.ID)
	require.NoError(t, err)
	_, err = f.svc.SubmitStep1(t.Context(), acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp"), SANs: []string{"mail.example.jp"}})
	assert.Equal(t, []string{"san_not_allowed"}, problemCodes(t, err))
	require.NoError(t, f.svc.RemoveFromCart(t.Context(), acct, app.ID), "an unsubmitted reissue can be dropped")
	got, err := f.svc.GetCertificate(t.Context(), acct, cert.ID)
	require.NoError(t, err)
	assert.Empty(t, got.OpenReissue)
}

func TestRevokedCertificateIsNotManageable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	acct := f.account(t, "taro")
	ctx := t.Context()
	cert := f.issued(t, acct, dv1, "www.example.jp")
	q, err := f.svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonKeyCompromise, "鍵が漏洩しました。\n至急失効をお願いします。")
	require.NoError(t, err)
	_, err = f.svc.Staff().Resolve(ctx, q.ID, true, "revoked upstream")
	require.NoError(t, err)
	_, err = f.svc.StartReissue(ctx, acct, cert.ID)
	assert.ErrorIs(t, err, jstore.ErrState)
	f.clock.Set(jst(2027, 11, 1, 9, 0, 0))
	_, err = f.svc.StartRenewal(ctx, acct, cert.ID, dv1)
	assert.ErrorIs(t, err, jstore.ErrState)
	d, err := f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	assert.Zero(t, d.Renewable)
}
