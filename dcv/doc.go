// Package dcv publishes what a CA looks for to validate control of a domain — a TXT record or a
// file under /.well-known/pki-validation/ — where a hosting panel serves its customers' zones
// and web roots, waits until it can be seen, and takes it away again.
//
// # Publishers
//
// A [Publisher] makes one [Challenge] visible and removes it. Two are here:
//
//   - [DNS] adds TXT records through any libdns provider (github.com/libdns/libdns: the
//     RecordAppender, RecordDeleter and RecordGetter interfaces the Go ecosystem's DNS
//     providers share), finds each name's zone by SOA lookup (cached), and waits until every
//     authoritative name server of the zone answers with the record: CAs validate from several
//     network perspectives, so one resolver seeing it is not enough. Package [rfc2136] is a
//     provider for servers that take dynamic updates signed with TSIG (BIND, Knot, PowerDNS).
//   - [WebRoot] writes the file under a configured document root per domain, atomically, and
//     never outside the root.
//
// A publisher that does not serve a domain says [ErrNotServed]: the domain is left to a person,
// with the instructions the CA gives. Every other failure is a [*Error] with a stable code and
// Japanese and English text.
//
// [rfc2136]: https://pkg.go.dev/github.com/jstore-sdk/sdk/dcv/rfc2136
package dcv
