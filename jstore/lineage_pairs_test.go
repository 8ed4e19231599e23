package jstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// lineageOp is one thing a customer or staff can do to a certificate's lineage. It may be
// refused (ErrState, ErrCertificateLocked); any other error fails the test.
type lineageOp struct {
	name string
	run  func(t *testing.T, f *fixture, acct jstore.AccountID, cert jstore.CertificateID) error
}

const lineageCN = "www.example.jp"

func lineageOps() []lineageOp {
	ctx := context.Background()
	start := func(kind string, order bool) func(*testing.T, *fixture, jstore.AccountID, jstore.CertificateID) error {
		return func(t *testing.T, f *fixture, acct jstore.AccountID, cert jstore.CertificateID) error {
			var app jstore.Application
			var err error
			switch kind {
			case "renewal":
				app, err = f.svc.StartRenewal(ctx, acct, cert, jstore.Selection{Term: 1})
			case "reissue":
				app, err = f.svc.StartReissue(ctx, acct, cert)
			case "replacement":
				app, err = f.svc.StartReplacement(ctx, acct, cert, dv1)
			}
			if err != nil {
				return err
			}
			app = f.registered(t, acct, app, lineageCN)
			if !order {
				return nil
			}
			if kind == "reissue" {
				_, err = f.svc.SubmitReissue(ctx, acct, app.ID)
			} else {
				_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
			}
			return err
		}
	}
	return []lineageOp{
		{"renewal in cart", start("renewal", false)},
		{"renewal ordered", start("renewal", true)},
		{"reissue open", start("reissue", false)},
		{"reissue submitted", start("reissue", true)},
		{"replacement in cart", start("replacement", false)},
		{"replacement ordered", start("replacement", true)},
		{"revocation inquiry", func(t *testing.T, f *fixture, acct jstore.AccountID, cert jstore.CertificateID) error {
			_, err := f.svc.RequestRevocation(ctx, acct, cert, jstore.ReasonKeyCompromise, "鍵が漏れました")
			return err
		}},
		{"removal from cart", func(t *testing.T, f *fixture, acct jstore.AccountID, cert jstore.CertificateID) error {
			page, err := f.svc.ListApplications(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
			require.NoError(t, err)
			for i := len(page.Items) - 1; i >= 0; i-- {
				if a := page.Items[i]; a.Status == jstore.StatusProductSelected || a.Status == jstore.StatusInfoRegistered {
					return f.svc.RemoveFromCart(ctx, acct, a.ID)
				}
			}
			return nil
		}},
	}
}

// TestLineagePairs walks every ordered pair of lineage operations on one issued certificate,
// then lets staff act on any open revocation inquiry (by revoking), then tries to finish every
// application left. Each must end issued, or closed (removed or cancelled) with an event that
// says so; an application that can never finish, or a certificate locked by one that is gone,
// fails the test.
func TestLineagePairs(t *testing.T) {
	t.Parallel()
	ops := lineageOps()
	for _, a := range ops {
		for _, b := range ops {
			t.Run(a.name+" then "+b.name, func(t *testing.T) {
				f := newFixture(t)
				acct := f.account(t, "lineage")
				cert := f.issued(t, acct, dv1, lineageCN)
				f.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour)) // inside the renewal window
				for _, op := range []lineageOp{a, b} {
					if err := op.run(t, f, acct, cert.ID); err != nil {
						require.True(t, errors.Is(err, jstore.ErrState) || errors.Is(err, jstore.ErrCertificateLocked),
							"%s: only a refusal is allowed, got %v", op.name, err)
					}
				}
				revokeOpenInquiries(t, f)
				finishAll(t, f, acct)
				assertNothingStranded(t, f, acct)
			})
		}
	}
}

func revokeOpenInquiries(t *testing.T, f *fixture) {
	page, err := f.svc.Staff().ListInquiries(t.Context(), jstore.InquiryOpen, jstore.ListOptions{})
	require.NoError(t, err)
	for _, q := range page.Items {
		_, err := f.svc.Staff().Resolve(t.Context(), q.ID, true, "revoked")
		if err != nil {
			require.ErrorIs(t, err, jstore.ErrState, "only a certificate no longer issued may refuse revocation")
			_, err = f.svc.Staff().Resolve(t.Context(), q.ID, false, "already replaced")
			require.NoError(t, err)
		}
	}
}

// finishAll drives every open application forward until none moves: steps, order or submit,
// issuance. A refusal now may clear once another application finishes.
func finishAll(t *testing.T, f *fixture, acct jstore.AccountID) {
	ctx := t.Context()
	for range 8 {
		moved := false
		page, err := f.svc.ListApplications(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
		require.NoError(t, err)
		for _, app := range page.Items {
			var err error
			switch app.Status {
			case jstore.StatusProductSelected:
				if _, err = f.svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, lineageCN), Organization: app.Organization}); err == nil {
					_, err = f.svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
				}
			case jstore.StatusInfoRegistered:
				if app.Kind == jstore.AppReissue {
					_, err = f.svc.SubmitReissue(ctx, acct, app.ID)
				} else {
					_, err = f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
				}
			case jstore.StatusOrdered:
				leaf := mustIssueFor(t, f, app)
				_, err = f.svc.RecordIssuance(ctx, acct, app.ID, jstore.Issuance{CertificatePEM: leaf})
			default:
				continue
			}
			if err == nil {
				moved = true
				continue
			}
			require.True(t, errors.Is(err, jstore.ErrState) || errors.Is(err, jstore.ErrCertificateLocked), "%s %s: %v", app.Kind, app.ID, err)
		}
		if !moved {
			return
		}
	}
}

// mustIssueFor signs app's CSR as the CA would: for the planned lifetime, but a reissue never
// past the paid subscription it serves.
func mustIssueFor(t *testing.T, f *fixture, app jstore.Application) string {
	now := f.clock.Now()
	end := now.Add(cabf.PlannedLifetime(now))
	if app.Kind == jstore.AppReissue {
		c, err := f.svc.GetCertificate(t.Context(), app.Account, app.Certificate)
		require.NoError(t, err)
		if end.After(c.SubscriptionEnd) {
			end = c.SubscriptionEnd
		}
	}
	leaf, err := issuer(t).Issue(app.CSR, now, end)
	require.NoError(t, err)
	return leaf
}

// assertNothingStranded: every application that was started is issued, or is gone or
// cancelled with an event saying why; no certificate is locked by an application that cannot
// finish.
func assertNothingStranded(t *testing.T, f *fixture, acct jstore.AccountID) {
	ctx := t.Context()
	events, err := f.svc.Events(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	closed := map[jstore.ApplicationID]jstore.EventType{}
	var started []jstore.ApplicationID
	for _, e := range events.Items {
		switch e.Type {
		case jstore.EventApplicationStarted:
			started = append(started, e.Application)
		case jstore.EventApplicationRemoved, jstore.EventApplicationCancelled:
			closed[e.Application] = e.Type
		}
	}
	for _, id := range started {
		app, err := f.svc.GetApplication(ctx, acct, id)
		if errors.Is(err, jstore.ErrNotFound) {
			assert.Equal(t, jstore.EventApplicationRemoved, closed[id], "application %s vanished without a removal event", id)
			continue
		}
		require.NoError(t, err)
		switch app.Status {
		case jstore.StatusIssued:
		case jstore.StatusCancelled:
			assert.Equal(t, jstore.EventApplicationCancelled, closed[id], "application %s cancelled without an event", id)
		default:
			assert.Fail(t, "stranded", "%s application %s is %s and cannot finish", app.Kind, id, app.Status)
		}
	}
	certs, err := f.svc.ListCertificates(ctx, acct, jstore.ListOptions{})
	require.NoError(t, err)
	for _, c := range certs.Items {
		assert.Empty(t, c.LockedBy, fmt.Sprintf("certificate %s (%s) is still locked", c.ID, c.Status))
		assert.Empty(t, c.OpenReissue, fmt.Sprintf("certificate %s (%s) still has an open reissue", c.ID, c.Status))
	}
}

// TestRevocationCancelsAnOrderedRenewal: staff revoke a certificate whose renewal was ordered
// after the inquiry was filed. The renewal is cancelled with its price recorded as due for
// refund, and the certificate is unlocked.
func TestRevocationCancelsAnOrderedRenewal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	acct := f.account(t, "refund")
	cert := f.issued(t, acct, dv1, lineageCN)
	f.clock.Set(cert.SubscriptionEnd.Add(-30 * 24 * time.Hour))
	inq, err := f.svc.RequestRevocation(ctx, acct, cert.ID, jstore.ReasonKeyCompromise, "")
	require.NoError(t, err)
	app, err := f.svc.StartRenewal(ctx, acct, cert.ID, jstore.Selection{Term: 1})
	require.NoError(t, err)
	app = f.registered(t, acct, app, lineageCN)
	order, err := f.svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)

	_, err = f.svc.Staff().Resolve(ctx, inq.ID, true, "revoked upstream")
	require.NoError(t, err)
	app, err = f.svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.StatusCancelled, app.Status)
	got, err := f.svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.Equal(t, jstore.CertRevoked, got.Status)
	assert.False(t, got.Locked())
	events, err := f.svc.Events(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	var cancelled *jstore.Event
	for i, e := range events.Items {
		if e.Type == jstore.EventApplicationCancelled {
			cancelled = &events.Items[i]
		}
	}
	require.NotNil(t, cancelled, "the cancellation is in the history")
	assert.Equal(t, order.ID, cancelled.Order)
	assert.Equal(t, fmt.Sprint(order.Lines[0].Amount), cancelled.Detail["refund"])
	assert.Equal(t, "certificate revoked", cancelled.Detail["reason"])
}
