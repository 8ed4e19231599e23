package csr

import (
	"crypto"
	"crypto/elliptic"
	"crypto/x509"
	"fmt"
)

// Policy is what Check demands. The zero Policy is the upstream CA's rules for a single-name
// DV product: RSA only, 2048 to 4096 bits in multiples of 8, an odd public exponent of at
// least 3 (65537 expected; anything else warns), no wildcard, no expected Common Name.
type Policy struct {
	// ExpectedCN is the certificate's Common Name on renewal and reissue; the CSR's must equal
	// it, compared case-insensitively as A-labels.
	ExpectedCN string
	// Wildcard is true for a wildcard product: the Common Name must then be *.domain.
	Wildcard bool
	// OrganizationValidated is true for OV and EV: placeholder values in O, L and ST are errors
	// rather than warnings.
	OrganizationValidated bool
	// KeyAlgorithms allowed; nil means RSA only (the upstream CA refuses ECDSA).
	KeyAlgorithms []x509.PublicKeyAlgorithm
	// Curves allowed when ECDSA is; nil means P-256 and P-384.
	Curves []elliptic.Curve
	// MinRSABits and MaxRSABits bound the modulus; zero means 2048 and 4096.
	MinRSABits, MaxRSABits int
	// FermatRounds is how many steps of Fermat's method to try; zero means 110 (as boulder).
	// The Baseline Requirements ask for at least 100.
	FermatRounds int
	// MaxSANs bounds the CSR's subject alternative names; zero means 100.
	MaxSANs int
	// BlockedKey reports a key the operator has blocked, e.g. [Blocklist.Contains] over the
	// Debian openssl-blacklist. Check calls it once.
	BlockedKey func(crypto.PublicKey) bool
	// Strict turns warnings into errors.
	Strict bool
}

func (p *Policy) validate() error {
	switch {
	case p.MinRSABits != 0 && (p.MinRSABits < 2048 || p.MinRSABits > 16384):
		return fmt.Errorf("csr: policy: MinRSABits %d is outside 2048 to 16384", p.MinRSABits)
	case p.MaxRSABits != 0 && (p.MaxRSABits < 2048 || p.MaxRSABits > 16384):
		return fmt.Errorf("csr: policy: MaxRSABits %d is outside 2048 to 16384", p.MaxRSABits)
	case p.FermatRounds != 0 && (p.FermatRounds < 100 || p.FermatRounds > 100000):
		return fmt.Errorf("csr: policy: FermatRounds %d is outside 100 to 100000", p.FermatRounds)
	case p.MaxSANs < 0 || p.MaxSANs > 1000:
		return fmt.Errorf("csr: policy: MaxSANs %d is outside 0 to 1000", p.MaxSANs)
	}
	if lo, hi := p.rsaBits(); lo > hi {
		return fmt.Errorf("csr: policy: MinRSABits %d exceeds MaxRSABits %d", lo, hi)
	}
	for _, a := range p.KeyAlgorithms {
		if a != x509.RSA && a != x509.ECDSA {
			return fmt.Errorf("csr: policy: key algorithm %s is not allowed by the Baseline Requirements", a)
		}
	}
	return nil
}

func (p *Policy) keyAlgorithms() []x509.PublicKeyAlgorithm {
	if p.KeyAlgorithms == nil {
		return defaultKeyAlgorithms
	}
	return p.KeyAlgorithms
}

func (p *Policy) curves() []elliptic.Curve {
	if p.Curves == nil {
		return defaultCurves
	}
	return p.Curves
}

func (p *Policy) rsaBits() (int, int) {
	lo, hi := p.MinRSABits, p.MaxRSABits
	if lo == 0 {
		lo = 2048
	}
	if hi == 0 {
		hi = 4096
	}
	return lo, hi
}

func (p *Policy) fermatRounds() int {
	if p.FermatRounds == 0 {
		return 110
	}
	return p.FermatRounds
}

func (p *Policy) maxSANs() int {
	if p.MaxSANs == 0 {
		return 100
	}
	return p.MaxSANs
}
