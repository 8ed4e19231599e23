// Package notify holds the SDK's two jstore.Notifiers. Email writes to staff or to the
// customer through a jstore.Mailer, in the reader's language (Japanese by default), with the
// certificate's names and what to do. Webhook posts each alert as JSON to the panel's own
// systems, signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp,
// webhook-signature: v1, HMAC-SHA256), so a receiver verifies it with any of that
// specification's libraries or with Verify.
//
// Neither queues anything itself: the Service keeps each alert in its store until every
// notifier has taken it, and Sync retries a failure after its back-off, so a webhook that is
// down, slow or answering 500 delays nothing but its own deliveries, and nothing is lost.
package notify
