package catest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// Brand is one of the two chains the CA issues under.
type Brand int

// Brands.
const (
	Starfield Brand = iota
	GoDaddy
)

// brandOf maps a rootType to its chain; the SHA-1 root types are served by the SHA-2 chain, as
// the API does for any certificate that outlives SHA-1.
func brandOf(r ca.RootType) Brand {
	if r == ca.GoDaddySHA1 || r == ca.GoDaddySHA2 {
		return GoDaddy
	}
	return Starfield
}

// Chain is a root and the intermediate that signs leaves under it.
type Chain struct {
	Root            *x509.Certificate
	Intermediate    *x509.Certificate
	intermediateKey crypto.Signer
	rootPEM, intPEM string
}

// PKI holds the simulator's two chains. Make one with NewPKI, or LoadPKI from the bytes
// MarshalPEM wrote, and hand it to several servers to save the key generation.
type PKI struct {
	chains [2]*Chain
	keys   [4]*rsa.PrivateKey // root, intermediate for each brand, for MarshalPEM
}

var brandNames = [2]struct{ root, intermediate string }{
	Starfield: {"Starfield Root Certificate Authority - G2 (catest)", "Starfield Secure Certificate Authority - G2 (catest)"},
	GoDaddy:   {"Go Daddy Root Certificate Authority - G2 (catest)", "Go Daddy Secure Certificate Authority - G2 (catest)"},
}

// NewPKI generates two RSA-2048 roots, each with an intermediate, valid from 2020 to 2050.
func NewPKI() (*PKI, error) {
	p := &PKI{}
	for i := range p.keys {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		p.keys[i] = k
	}
	return p, p.build(nil)
}

// build makes the chains from p.keys; certs, when given, are the four certificates to reuse.
func (p *PKI) build(certs []*x509.Certificate) error {
	for b := Starfield; b <= GoDaddy; b++ {
		rootKey, intKey := p.keys[2*int(b)], p.keys[2*int(b)+1]
		var root, inter *x509.Certificate
		if certs != nil {
			root, inter = certs[2*int(b)], certs[2*int(b)+1]
		} else {
			var err error
			if root, err = caCert(brandNames[b].root, int64(2*b+1), rootKey, nil, nil); err != nil {
				return err
			}
			if inter, err = caCert(brandNames[b].intermediate, int64(2*b+2), intKey, root, rootKey); err != nil {
				return err
			}
		}
		p.chains[b] = &Chain{Root: root, Intermediate: inter, intermediateKey: intKey, rootPEM: certPEM(root.Raw), intPEM: certPEM(inter.Raw)}
	}
	return nil
}

func caCert(cn string, serial int64, key *rsa.PrivateKey, parent *x509.Certificate, parentKey *rsa.PrivateKey) (*x509.Certificate, error) {
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"catest"}, Country: []string{"US"}},
		NotBefore:             time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	} else {
		tmpl.MaxPathLenZero = true
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// Chain returns the chain of brand b.
func (p *PKI) Chain(b Brand) *Chain { return p.chains[b] }

// Roots returns a pool holding both roots, for verifying what the simulator issues.
func (p *PKI) Roots() *x509.CertPool {
	pool := x509.NewCertPool()
	for _, c := range p.chains {
		pool.AddCert(c.Root)
	}
	return pool
}

// MarshalPEM writes the four keys and certificates, roots first, so that LoadPKI can give
// later runs the same chains.
func (p *PKI) MarshalPEM() []byte {
	var out []byte
	for b := range p.chains {
		c := p.chains[b]
		for i, cert := range []*x509.Certificate{c.Root, c.Intermediate} {
			out = append(out, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(p.keys[2*b+i])})...)
			out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})...)
		}
	}
	return out
}

// LoadPKI reads what MarshalPEM wrote.
func LoadPKI(data []byte) (*PKI, error) {
	p := &PKI{}
	var certs []*x509.Certificate
	var keys int
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch block.Type {
		case "RSA PRIVATE KEY":
			if keys == len(p.keys) {
				return nil, errors.New("catest: LoadPKI: more than four keys")
			}
			k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("catest: LoadPKI: %w", err)
			}
			p.keys[keys] = k
			keys++
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("catest: LoadPKI: %w", err)
			}
			certs = append(certs, c)
		}
	}
	if keys != 4 || len(certs) != 4 {
		return nil, fmt.Errorf("catest: LoadPKI: want 4 keys and 4 certificates, got %d and %d", keys, len(certs))
	}
	for i, c := range certs {
		pub, ok := c.PublicKey.(*rsa.PublicKey)
		if !ok || !pub.Equal(&p.keys[i].PublicKey) {
			return nil, fmt.Errorf("catest: LoadPKI: certificate %d does not match its key", i)
		}
	}
	return p, p.build(certs)
}

func certPEM(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
