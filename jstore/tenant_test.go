package jstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

type snapshot struct {
	apps      []jstore.Application
	orders    []jstore.Order
	certs     []jstore.Certificate
	inquiries []jstore.Inquiry
	events    []jstore.Event
	dashboard jstore.Dashboard
}

func (f *fixture) snapshot(t *testing.T, acct jstore.AccountID) snapshot {
	t.Helper()
	ctx := t.Context()
	all := jstore.ListOptions{Limit: jstore.MaxPageLimit}
	var s snapshot
	apps, err := f.svc.ListApplications(ctx, acct, all)
	require.NoError(t, err)
	orders, err := f.svc.ListOrders(ctx, acct, all)
	require.NoError(t, err)
	certs, err := f.svc.ListCertificates(ctx, acct, all)
	require.NoError(t, err)
	inq, err := f.svc.ListInquiries(ctx, acct, all)
	require.NoError(t, err)
	ev, err := f.svc.Events(ctx, acct, all)
	require.NoError(t, err)
	s.dashboard, err = f.svc.Dashboard(ctx, acct)
	require.NoError(t, err)
	s.apps, s.orders, s.certs, s.inquiries, s.events = apps.Items, orders.Items, certs.Items, inq.Items, ev.Items
	return s
}

// TestOtherAccountMatrix calls every operation that names a record with another account's
// records: each must be ErrNotFound and change nothing.
func TestOtherAccountMatrix(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner, intruder := f.account(t, "owner"), f.account(t, "intruder")
	f.issued(t, intruder, dv1, "www.intruder.example.com") // the intruder has records of its own

	cert := f.issued(t, owner, dv1, "www.example.jp")
	renewable := f.issued(t, owner, dv1, "shop.example.jp")
	draft, err := f.svc.StartNew(ctx, owner, dv1)
	require.NoError(t, err)
	ready, err := f.svc.StartNew(ctx, owner, dv1)
	require.NoError(t, err)
	ready = f.registered(t, owner, ready, "mail.example.jp")
	order, err := f.svc.CompleteOrder(ctx, owner, []jstore.ApplicationID{ready.ID})
	require.NoError(t, err)
	reissue, err := f.svc.StartReissue(ctx, owner, cert.ID)
	require.NoError(t, err)
	reissue = f.registered(t, owner, reissue, "www.example.jp")
	_, err = f.svc.RequestRevocation(ctx, owner, renewable.ID, jstore.ReasonSuperseded, "")
	require.NoError(t, err)
	f.clock.Set(jst(2027, 10, 1, 9, 0, 0))
	renewal, err := f.svc.StartRenewal(ctx, owner, renewable.ID, dv1)
	require.NoError(t, err)
	leaf := mustIssue(t, ready.CSR, f.clock.Now())

	// Ordered so that the owner's pass at the end runs the removals last.
	ops := []struct {
		name string
		op   func(acct jstore.AccountID) error
	}{
		{"GetApplication", func(a jstore.AccountID) error { _, err := f.svc.GetApplication(ctx, a, draft.ID); return err }},
		{"SubmitStep1", func(a jstore.AccountID) error {
			_, err := f.svc.SubmitStep1(ctx, a, draft.ID, jstore.Step1{CSR: ready.CSR})
			return err
		}},
		{"SubmitStep2", func(a jstore.AccountID) error {
			_, err := f.svc.SubmitStep2(ctx, a, ready.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootGoDaddy})
			return err
		}},
		{"ConvertRenewalToNew", func(a jstore.AccountID) error {
			_, err := f.svc.ConvertRenewalToNew(ctx, a, renewal.ID, dv1)
			return err
		}},
		{"CompleteOrder", func(a jstore.AccountID) error {
			_, err := f.svc.CompleteOrder(ctx, a, []jstore.ApplicationID{draft.ID})
			return err
		}},
		{"RecordIssuance", func(a jstore.AccountID) error {
			_, err := f.svc.RecordIssuance(ctx, a, ready.ID, jstore.Issuance{CertificatePEM: leaf})
			return err
		}},
		{"SubmitReissue", func(a jstore.AccountID) error { _, err := f.svc.SubmitReissue(ctx, a, reissue.ID); return err }},
		{"GetOrder", func(a jstore.AccountID) error { _, err := f.svc.GetOrder(ctx, a, order.ID); return err }},
		{"GetCertificate", func(a jstore.AccountID) error { _, err := f.svc.GetCertificate(ctx, a, cert.ID); return err }},
		{"CurrentCertificate", func(a jstore.AccountID) error { _, err := f.svc.CurrentCertificate(ctx, a, cert.ID); return err }},
		{"History", func(a jstore.AccountID) error {
			_, err := f.svc.History(ctx, a, cert.ID, jstore.ListOptions{})
			return err
		}},
		{"StartRenewal", func(a jstore.AccountID) error { _, err := f.svc.StartRenewal(ctx, a, cert.ID, dv1); return err }},
		{"StartReplacement", func(a jstore.AccountID) error { _, err := f.svc.StartReplacement(ctx, a, cert.ID, dv1); return err }},
		{"StartReissue", func(a jstore.AccountID) error { _, err := f.svc.StartReissue(ctx, a, cert.ID); return err }},
		{"RequestRevocation", func(a jstore.AccountID) error {
			_, err := f.svc.RequestRevocation(ctx, a, cert.ID, jstore.ReasonKeyCompromise, "")
			return err
		}},
		{"RemoveFromCart", func(a jstore.AccountID) error { return f.svc.RemoveFromCart(ctx, a, draft.ID) }},
		{"RemoveRenewal", func(a jstore.AccountID) error { return f.svc.RemoveFromCart(ctx, a, renewal.ID) }},
	}
	before := f.snapshot(t, owner)
	intruderBefore := f.snapshot(t, intruder)
	for _, o := range ops {
		assert.ErrorIs(t, o.op(intruder), jstore.ErrNotFound, o.name)
	}
	assert.Equal(t, before, f.snapshot(t, owner), "the owner's records are untouched")
	assert.Equal(t, intruderBefore, f.snapshot(t, intruder), "and the intruder gained nothing")
	for _, o := range ops {
		assert.NotErrorIs(t, o.op(owner), jstore.ErrNotFound, "%s works for the owner (the matrix names real records)", o.name)
	}
}
