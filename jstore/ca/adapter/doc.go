// Package adapter joins the upstream CA's client to the workflow: an Adapter is a ca.Client
// seen as a jstore.CA, mapping orders, states, bundles, reissues, renewals, revocations, seals
// and domain verifications between the two, and the CA's errors onto jstore's sentinels
// (ErrCAOutcomeUnknown, ErrCARefused, ErrCAUnavailable…) with the *ca.Error still reachable.
//
// It lives apart from package ca so that the client and its simulator (catest) stand on their
// own, without the workflow.
package adapter
