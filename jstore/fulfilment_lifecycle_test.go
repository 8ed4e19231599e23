package jstore_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/message"
)

// TestLifecycleThroughTheCA: everything after the order goes through the CA the same way —
// a reissue with a new key under the other root, a renewal inside the window, and a revocation
// when staff resolve the inquiry — each placed once and followed by Sync to a verified record.
func TestLifecycleThroughTheCA(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "lifecycle")
	sync := func() jstore.SyncReport {
		t.Helper()
		rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		return rep
	}

	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	require.Equal(t, 1, sync().Issued)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	cert, err := svc.GetCertificate(ctx, acct, app.Certificate)
	require.NoError(t, err)
	firstSerial := cert.SerialHex

	// Reissue: a new key, the GoDaddy root.
	re, newCSR := reissuedWithNewKey(t, svc, acct, cert.ID, jstore.RootGoDaddy)
	assert.Equal(t, cert.CAOrderID, re.CAOrderID, "asked of the certificate's order")
	require.Equal(t, 1, sync().Issued)
	cert, err = svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.NotEqual(t, firstSerial, cert.SerialHex)
	assert.Equal(t, jstore.RootGoDaddy, cert.Root, "verified to the GoDaddy root")
	assert.Len(t, rig.srv.Orders("www.example.jp"), 1, "a reissue makes no new order")

	// Renewal, 30 days before the end.
	rig.f.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	oldEnd := cert.SubscriptionEnd
	renewal, err := svc.StartRenewal(ctx, acct, cert.ID, jstore.Selection{Term: 1})
	require.NoError(t, err)
	registeredRenewal(t, svc, acct, renewal.ID, newCSR)
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{renewal.ID})
	require.NoError(t, err)
	require.Equal(t, 1, sync().Issued)
	cert, err = svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, oldEnd.AddDate(1, 0, 0).In(tokyo).Format(time.DateOnly), cert.SubscriptionEnd.In(tokyo).Format(time.DateOnly))
	assert.False(t, cert.Locked())

	// Revocation through an inquiry that staff resolve.
	inq, err := svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonKeyCompromise, "")
	require.NoError(t, err)
	_, err = svc.Staff().Resolve(ctx, inq.ID, true, "revoked at the CA")
	require.NoError(t, err)
	st, err := rig.adapter.OrderStatus(ctx, cert.CAOrderID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CARevoked, st.State, "revoked at the CA")
	cert, err = svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertRevoked, cert.Status)
}

func registeredRenewal(t *testing.T, svc *jstore.Service, acct jstore.AccountID, id jstore.ApplicationID, csr string) {
	t.Helper()
	_, err := svc.SubmitStep1(t.Context(), acct, id, jstore.Step1{CSR: csr, Organization: org})
	require.NoError(t, err)
	_, err = svc.SubmitStep2(t.Context(), acct, id, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	require.NoError(t, err)
}

// TestRenewalOutsideTheCAWindow: the portal's window counts calendar days in Tokyo, the CA's
// counts instants, so on the last day the portal may take a renewal the CA refuses. The
// customer is told so, in Japanese and English, the renewal is back in the cart, and
// ConvertRenewalToNew makes the new order that carries the days over.
func TestRenewalOutsideTheCAWindow(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "late")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)

	// 30 days and an hour after the end: past the CA's instant, still the portal's last day.
	late := cert.SubscriptionEnd.Add(30*24*time.Hour + time.Hour)
	require.Equal(t, cert.SubscriptionEnd.AddDate(0, 0, 30).In(tokyo).Format(time.DateOnly), late.In(tokyo).Format(time.DateOnly))
	rig.f.clock.Set(late)
	renewal, err := svc.StartRenewal(ctx, acct, cert.ID, jstore.Selection{Term: 1})
	require.NoError(t, err, "inside the portal's window")
	registeredRenewal(t, svc, acct, renewal.ID, testkit.CSR(t, nil, "www.example.jp"))
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{renewal.ID})
	ve := requireValidation(t, err)
	assert.Equal(t, "ca_renewal_window", ve.Problems[0].Code)
	assert.Contains(t, ve.Problems[0].Message(message.Japanese), "新規注文に切り替えてください")
	assert.Contains(t, ve.Problems[0].Message(message.English), "ConvertRenewalToNew")
	renewal, err = svc.GetApplication(ctx, acct, renewal.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusInfoRegistered, renewal.Status, "back in the cart")

	replacement, err := svc.ConvertRenewalToNew(ctx, acct, renewal.ID, dv1)
	require.NoError(t, err)
	registeredRenewal(t, svc, acct, replacement.ID, testkit.CSR(t, nil, "www.example.jp"))
	_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{replacement.ID})
	require.NoError(t, err)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
	replacement, err = svc.GetApplication(ctx, acct, replacement.ID)
	require.NoError(t, err)
	next, err := svc.GetCertificate(ctx, acct, replacement.Certificate)
	require.NoError(t, err)
	assert.Equal(t, cert.ID, next.Replaces)
}

// TestCancelPendingOrder: a customer cancels an order the CA has not issued; the CA cancels it
// and the application is closed with its refund recorded. An issued one cannot be cancelled.
func TestCancelPendingOrder(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "cancel")
	other := rig.f.account(t, "other")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	_, err = svc.CancelOrder(ctx, other, app.ID)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	app, err = svc.CancelOrder(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusCancelled, app.Status)
	st, err := rig.adapter.OrderStatus(ctx, app.CAOrderID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CACanceled, st.State)
	_, err = svc.CancelOrder(ctx, acct, app.ID)
	assert.ErrorIs(t, err, jstore.ErrState)
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep.Due, "a cancelled order is not followed")
}

// TestCancelWhoseAnswersAreAllLost: the CA cancels, but the answer to the call and to every
// retry is lost; the order's state is read before failure is reported, so the customer sees
// the cancellation at once.
func TestCancelWhoseAnswersAreAllLost(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "cancel-lost")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	for _, fault := range []catest.Fault{{Kind: catest.FaultDrop, Share: 1}, {Kind: catest.FaultMalformed, Share: 1}} {
		require.NoError(t, rig.srv.InjectFaults("certificate_cancel", fault))
		app, err = svc.CancelOrder(ctx, acct, app.ID)
		require.NoError(t, err, "fault %v", fault.Kind)
		assert.Equal(t, jstore.StatusCancelled, app.Status)
		app = registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
		_, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
		require.NoError(t, err)
	}

	// A CA that never cancelled: the answers lost, the order still pending; that is reported.
	require.NoError(t, rig.srv.InjectFaults("certificate_cancel", catest.Fault{Kind: catest.FaultStatus, Status: 503, Share: 1}))
	_, err = svc.CancelOrder(ctx, acct, app.ID)
	assert.ErrorIs(t, err, jstore.ErrCAUnavailable)
	got, err := svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusOrdered, got.Status)
}
