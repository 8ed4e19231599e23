package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"slices"
)

func keyBits(pub any) int {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen()
	case *ecdsa.PublicKey:
		return k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return 256
	}
	return 0
}

// checkKey applies BR §6.1.5, §6.1.6 and §6.1.1.3(5) and the policy's algorithm and sizes.
func checkKey(r *Request, p *Policy, f *findings) {
	if r.KeyAlgorithm == x509.UnknownPublicKeyAlgorithm {
		f.fail(CodeKeyAlgorithm, "key", message.Literal(algorithmName(keyOID(r.raw.RawSubjectPublicKeyInfo))))
		return
	}
	if !slices.Contains(p.keyAlgorithms(), r.KeyAlgorithm) {
		f.fail(CodeKeyAlgorithm, "key", message.Literal(r.KeyAlgorithm.String()))
		return
	}
	switch k := r.PublicKey.(type) {
	case *rsa.PublicKey:
		checkRSA(k, p, f)
	case *ecdsa.PublicKey:
		if !slices.Contains(p.curves(), k.Curve) {
			f.fail(CodeKeyAlgorithm, "key", detail("curve", message.With("curve", message.Literal(k.Curve.Params().Name))))
		}
	default:
		f.fail(CodeKeyAlgorithm, "key", message.Literal(r.KeyAlgorithm.String()))
		return
	}
	if p.BlockedKey != nil && p.BlockedKey(r.PublicKey) {
		f.fail(CodeKeyWeak, "key", detail("blocklist"))
	}
}

func checkRSA(k *rsa.PublicKey, p *Policy, f *findings) {
	n := k.N.BitLen()
	minBits, maxBits := p.rsaBits()
	switch {
	case n < minBits:
		f.fail(CodeKeyTooSmall, "key", detail("at_least", message.With("size", bitCount(n)), message.With("min", bitCount(minBits))))
	case n > maxBits:
		// Refused already, and factoring work grows with the square of the size: stop here so
		// that no input can make Check slow.
		f.fail(CodeKeyTooLarge, "key", detail("at_most", message.With("size", bitCount(n)), message.With("max", bitCount(maxBits))))
		return
	case n%8 != 0:
		f.fail(CodeKeySize, "key", bitCount(n))
	}
	switch {
	case k.E < 3 || k.E%2 == 0:
		f.fail(CodeKeyWeak, "key", detail("exponent_bad", message.With("exponent", message.Count{N: int64(k.E)})))
	case k.E != 65537:
		f.warn(CodeKeyExponent, "key", detail("exponent", message.With("exponent", message.Count{N: int64(k.E)})))
	}
	if n < 512 {
		return // too small to be worth factoring; already refused
	}
	res := smallResidues(k.N)
	if sf := smallFactor(res); sf != 0 {
		f.fail(CodeKeyWeak, "key", detail("small_factor", message.With("factor", message.Count{N: int64(sf)})))
		return
	}
	if rocaWeak(res) {
		f.fail(CodeKeyWeak, "key", detail("roca"))
		return
	}
	if fermatFactor(k.N, p.fermatRounds()) != nil {
		f.fail(CodeKeyWeak, "key", detail("fermat"))
	}
}

var defaultCurves = []elliptic.Curve{elliptic.P256(), elliptic.P384()}

var defaultKeyAlgorithms = []x509.PublicKeyAlgorithm{x509.RSA}
