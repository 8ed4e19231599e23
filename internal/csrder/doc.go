// Package csrder reads CSRs' DER fast and leniently, for package csr: Parse takes the common
// shape (RSA key and signature, plain subject strings) with cryptobyte, several times faster
// than x509.ParseCertificateRequest and always with x509's result (FuzzParseDER holds it to
// that), and ParseNamesAside reads a CSR x509 refuses only for its subjectAltName, so the
// customer hears of every problem at once.
package csrder
