// Package csr parses, checks and generates certificate signing requests the way the upstream
// CA (GoDaddy / Starfield, under the CA/Browser Forum Baseline Requirements) will judge them,
// so that a CSR the CA would refuse is stopped before anything is ordered.
//
// # Parsing
//
// [Parse] takes what a customer pastes into a text box: it tolerates CRLF, stray spaces, the
// NEW CERTIFICATE REQUEST label, any line width and prose around the block, and refuses
// mangled framing, bad base64, truncation, two blocks and private keys.
//
// # Checking
//
// [Check] applies a [Policy] and reports every problem at once in a [*Error]; each [Problem]
// has a stable [Code], the field, a severity and Japanese and English text ([Problem.Message]).
// The zero Policy is the upstream CA's rules for a single-name DV product. Weak keys are found
// without a network: small factors, the ROCA fingerprint, Fermat's method on close primes, and
// an operator-supplied blocklist ([ReadBlocklist] reads the Debian openssl-blacklist format).
//
// # Generating
//
// [Generate] makes an RSA or ECDSA key and a CSR that passes Check, for panels that hold
// their customers' keys.
package csr
