// Package tlscheck proves what a live site serves: it connects with TLS to an address under a
// name (SNI), as a browser would, and compares the certificate it is given with the one that
// should be there — the same leaf (serial and key), a chain that verifies to the configured
// roots, the name covered, not expiring soon. Every outcome is a [Result]: a timeout or a
// failed handshake is a problem found, never an error or a panic. [Checker.CheckAll] checks
// many names with bounded concurrency.
package tlscheck
