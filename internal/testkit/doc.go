// Package testkit is the one place the module's tests take their shared pieces from: a settable
// clock, one RSA key for every CSR (key generation would dominate the suites' run time), CSRs,
// the simulator's PKI generated once per test binary, and a simulator with a client that does
// not wait. It is internal: examples use the public packages only.
package testkit
