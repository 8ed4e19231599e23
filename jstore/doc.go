// Package jstore is the portal's workflow: accounts, the product catalogue, applications (申請)
// and their two input steps, the cart, orders, issued certificates and their lineage, the
// renewal and reissue rules, the dashboard counters, revocation inquiries and an append-only
// event history.
//
// # The flow
//
// A panel builds one [Service] over a [Store] and calls it per customer [AccountID]:
//
//	svc, _ := jstore.New(memstore.New(), jstore.WithPricer(prices))
//	app, _ := svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
//	app, _ = svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: pemText})
//	app, _ = svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
//	order, _ := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
//	cert, _ := svc.RecordIssuance(ctx, acct, app.ID, jstore.Issuance{CertificatePEM: leaf})
//
// An application moves ProductSelected -> InfoRegistered (orderable, still editable) ->
// Ordered -> Issued. [Service.StartRenewal] works inside the renewal window and locks the
// certificate; [Service.StartReissue] is free and goes through the same two steps.
//
// # Rules
//
//   - The renewal window runs from the calendar day 60 days before the subscription end through
//     the day 30 days after it, in the service's zone (Asia/Tokyo by default): [Service.RenewalWindowFor].
//   - A renewal keeps the product, the SAN slot count and the end-user organisation's name,
//     address, postal code and phone; changing them needs a new order that carries the
//     remaining days over ([RenewalChangeError], [Service.ConvertRenewalToNew], [Service.StartReplacement]).
//   - Certificate lifetime and domain-validation reuse follow the CA/Browser Forum schedule as
//     UTC instants (package [github.com/jstore-sdk/sdk/jstore/cabf]); a subscription is served
//     by successive certificates, each reissued free when due ([NextReissue]).
//   - Approver e-mail validation is refused for issuance from 2028-03-15 (cabf.EmailDCVSunset).
//   - A certificate locked by a renewal refuses every management operation with
//     [ErrCertificateLocked].
//
// # Errors
//
// Every error wraps a [Kind]: branch with errors.Is on [ErrNotFound], [ErrConflict],
// [ErrInvalid], [ErrExists], [ErrUnauthenticated], [ErrState], [ErrCertificateLocked],
// [ErrOutsideWindow] or [ErrRenewalChange], and read details with errors.As on
// [*ValidationError] (stable codes with Japanese and English text), [*StateError],
// [*RenewalChangeError] or [*NotOrderableError]. Another account's record is ErrNotFound.
//
// # Storage
//
// [Store] is the seam: typed, transactional, scoped by account, with optimistic versions,
// cursor pages and indexed counters. The memstore package is the reference backend and the
// storetest package is the conformance suite every backend runs.
//
// # The upstream CA
//
// [CA] is the seam to the certificate authority: place an order, read its status, download,
// reissue, renew, revoke, cancel, the site seal, domain verifications and e-mails, and find
// orders to reconcile. The ca package implements it over GoDaddy's API and its catest package
// simulates that API.
//
// With [WithCA] the Service owns fulfilment: [Service.CompleteOrder] places each application
// at most once (an attempt and a lapsing right are recorded before the call; a lost answer or a
// crash is reconciled by reading the CA before anything is placed again), [Service.Sync]
// follows the orders, verifies what the CA issued and records it, [Service.CallbackHandler]
// serves the CA's callbacks, [Service.DomainControl] and [Service.CheckDomainControl] tell the
// customer what to publish and whether it can be found, [Service.SubmitReissue], renewals,
// [Service.CancelOrder] and [Staff.Resolve] go through the CA the same way, and
// [Service.CheckCA] tells an operator whether the keys work. Without it, what a CA issued is
// recorded by hand with [Service.RecordIssuance].
package jstore
