// Package cabf is the CA/Browser Forum's schedule as this SDK applies it: the longest
// certificate validity and the oldest domain-validation data a CA may use at each date, the end
// of approver e-mail validation, and the plan of short certificates that serves a longer paid
// subscription. Every date is a UTC instant, as CAs apply them. It is a leaf: the workflow
// (jstore) and the CA simulator (catest) both import it.
package cabf
