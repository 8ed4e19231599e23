// Package ca is a typed client for the upstream CA's REST API, GoDaddy's Certificates API: the
// v1 order routes and the v2 customer reads, exact on the wire (field names, enums with the
// API's own spelling, status codes).
//
// # Use
//
//	c, err := ca.NewClient(key, secret, ca.WithBaseURL(ca.OTE), ca.WithMarketID("ja-JP"))
//	id, err := c.Certificates.Create(ctx, ca.CreateRequest{…})
//	cert, err := c.Certificates.Get(ctx, id)
//	bundle, err := c.Certificates.Download(ctx, id)
//
// The services follow the API: [CertificatesService] (create, validate, get, actions,
// download, reissue, renew, revoke, cancel, verifyDomainControl, siteSeal),
// [CallbacksService], [EmailsService] and the v2 [CustomersService], whose All follows
// pagination.next. [Adapter] is the client seen as a jstore.CA.
//
// # Errors
//
// Every failure is an [*Error] carrying the HTTP status, the API's code, message and fields,
// and the wait the CA asked for; its kind works with errors.Is ([ErrNotFound], [ErrConflict],
// [ErrInvalid], [ErrUnauthorized], [ErrForbidden], [ErrRateLimited], [ErrUnavailable],
// [ErrBadResponse], [ErrOutcomeUnknown], [ErrBusy]). Error bodies are read up to 1 MiB. The key, the secret
// and the Authorization header never reach an error, a log line or a formatted value.
//
// # Retries and the rate limit
//
// Reads and other safe calls are retried on 429 (after retryAfterSec, or a Retry-After
// header), 502, 503, 504 and failed connections, with capped exponential backoff and jitter,
// never past the context's deadline ([RetryPolicy]). Calls that create something — create,
// reissue, renew, revoke — are sent again only when the CA certainly did not act (a 429, or no
// connection was made); otherwise the error matches [ErrOutcomeUnknown] and the caller
// reconciles by reading the order. Requests are spaced to 60 a minute by default
// ([WithRateLimit]); processes that share an API key share one [Budget] kept in a [SlotStore]
// ([WithBudget]), in which a person's requests ([WithInteractive]) go ahead of background work.
//
// Resty (go-resty/resty v2) carries the requests; no resty type is part of this API.
package ca
