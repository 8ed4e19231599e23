package csr

import (
	"bufio"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// Blocklist is a set of blocked RSA keys in the Debian openssl-blacklist format: each entry is
// the last 20 hex digits of SHA-1 over "Modulus=<HEX>\n", the modulus in upper-case hex as
// `openssl rsa -noout -modulus` prints it. Operators who hold those lists (CVE-2008-0166) load
// them with ReadBlocklist and set Policy.BlockedKey to the list's Contains.
type Blocklist struct {
	entries map[string]struct{}
}

// ReadBlocklist reads one entry per line; blank lines and lines starting with # are skipped.
// Any other line that is not 20 hex digits is an error naming its line number.
func ReadBlocklist(r io.Reader) (*Blocklist, error) {
	b := &Blocklist{entries: map[string]struct{}{}}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if _, err := hex.DecodeString(s); err != nil || len(s) != 20 {
			return nil, fmt.Errorf("csr: blocklist line %d: want 20 hex digits", line)
		}
		b.entries[strings.ToLower(s)] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("csr: blocklist: %w", err)
	}
	return b, nil
}

// Len returns the number of entries.
func (b *Blocklist) Len() int { return len(b.entries) }

// Contains reports whether pub is an RSA key on the list.
func (b *Blocklist) Contains(pub crypto.PublicKey) bool {
	k, ok := pub.(*rsa.PublicKey)
	if !ok {
		return false
	}
	_, found := b.entries[BlocklistEntry(k)]
	return found
}

// BlocklistEntry returns the openssl-blacklist entry for k.
func BlocklistEntry(k *rsa.PublicKey) string {
	sum := sha1.Sum([]byte("Modulus=" + strings.ToUpper(k.N.Text(16)) + "\n"))
	return hex.EncodeToString(sum[:])[20:]
}
