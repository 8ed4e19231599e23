// Package rfc2136 is a libdns provider for DNS servers that take dynamic updates (RFC 2136)
// signed with TSIG (RFC 8945): BIND, Knot DNS, PowerDNS and others. It adds and deletes
// records by UPDATE messages sent to the zone's primary, and lists a zone by a TSIG-signed
// zone transfer (AXFR), so it implements libdns.RecordAppender, libdns.RecordDeleter and
// libdns.RecordGetter, and plugs into dcv.NewDNS like any libdns provider.
//
// The TSIG secret is kept unexported: a Provider prints without it, and no error carries it.
// The package is tested against a real Knot DNS server started on loopback.
package rfc2136
