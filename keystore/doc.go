// Package keystore keeps the private keys of panels that hold their customers' keys (a hosting
// panel that installs certificates on its own servers).
//
// [Keys] is a [jstore.KeySource]: for each certificate Sync reissues it makes a new RSA key
// (2048 bits by default; the CA takes RSA only) and a CSR with the certificate's names and
// organisation, and keeps the key in the store sealed with AES-256-GCM under a key the panel
// supplies ([Sealer]), before the CSR leaves. A key is found again by the certificate's public
// key (the SHA-256 of its SubjectPublicKeyInfo), within its account: the CA certifies the CSR's
// key, so the record belongs to that one application and the certificates it produces. The
// sealing binds each key to its account and public key, so a sealed key copied to another
// record does not open.
//
// Sealing keys have IDs: a panel rotates by making a new ID current and keeping the old ones in
// the ring until [Keys.Rotate] has resealed every key under the current one. [PrivateKey] prints
// as redacted with every fmt verb and in slog, so a key reaches only the deployer that asks for
// it — never an event, a log line, an error or a CSV.
//
// memstore.Store and sqlstore.Store implement [Store].
package keystore
