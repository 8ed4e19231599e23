// Package remote is the HTTP plumbing the control-panel deployers (deploy/cpanel,
// deploy/plesk) share: one request with a bounded answer, the HTTP status sorted into
// deploy error codes, and the credentials kept out of every text an error carries.
package remote
