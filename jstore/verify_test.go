package jstore_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// forgingCA answers Download with a leaf it signs itself, as a faulty or hostile CA might.
type forgingCA struct {
	jstore.CA
	forge func(csr *x509.CertificateRequest) string
	csr   string
}

func (f *forgingCA) Download(ctx context.Context, id jstore.CAOrderID) (jstore.CABundle, error) {
	b, err := f.CA.Download(ctx, id)
	if err != nil {
		return b, err
	}
	block, _ := pem.Decode([]byte(f.csr))
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return b, err
	}
	b.Certificate = f.forge(req)
	return b, nil
}

// TestIssuedCertificatesAreVerified: Sync records what the CA issued only when the leaf's key
// and names are the application's, its chain verifies to the chosen root and its validity is
// within the CA/Browser Forum maximum; anything else is flagged for staff and never recorded.
func TestIssuedCertificatesAreVerified(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
	otherKey := testkit.NewKey(t)
	self, selfKey := selfSignedRoot(t)
	signFrom := func(from time.Time, req *x509.CertificateRequest, names []string, days time.Duration, pub any, parent *x509.Certificate, key any) string {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
			NotBefore: from, NotAfter: from.Add(days), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
		require.NoError(t, err)
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	sign := func(req *x509.CertificateRequest, names []string, days time.Duration, pub any, parent *x509.Certificate, key any) string {
		return signFrom(now, req, names, days, pub, parent, key)
	}
	tests := []struct {
		name  string
		forge func(req *x509.CertificateRequest) string
		flag  string
	}{
		{"signed by another root", func(req *x509.CertificateRequest) string {
			return sign(req, []string{"www.example.jp"}, 90*24*time.Hour, req.PublicKey, self, selfKey)
		}, "the chain does not verify"},
		{"another key", func(req *x509.CertificateRequest) string {
			return sign(req, []string{"www.example.jp"}, 90*24*time.Hour, &otherKey.PublicKey, self, selfKey)
		}, "does not match the application"},
		{"an extra name", func(req *x509.CertificateRequest) string {
			return sign(req, []string{"www.example.jp", "evil.example.jp"}, 90*24*time.Hour, req.PublicKey, self, selfKey)
		}, "the certificate names"},
		{"over the 200-day maximum", func(req *x509.CertificateRequest) string {
			return sign(req, []string{"www.example.jp"}, 200*24*time.Hour, req.PublicKey, self, selfKey)
		}, "over the 200-day maximum"},
		{"backdated across 2026-03-15 to claim 398 days", func(req *x509.CertificateRequest) string {
			// Ordered on 2026-11-25, so issued no earlier: the 200-day rule holds, whatever
			// notBefore says.
			return signFrom(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), req, []string{"www.example.jp"}, 397*24*time.Hour, req.PublicKey, self, selfKey)
		}, "over the 200-day maximum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rig := newCARig(t, catest.WithAutoApprove())
			rig.f.clock.Set(now)
			csr := testkit.CSR(t, nil, "www.example.jp")
			forger := &forgingCA{CA: rig.adapter, forge: tc.forge, csr: csr}
			roots := rig.roots
			if tc.name != "signed by another root" {
				roots = map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: poolWith(self), jstore.RootGoDaddy: rig.roots[jstore.RootGoDaddy]}
			}
			svc := rig.service(t, jstore.WithCA(forger), jstore.WithTrustedRoots(roots))
			ctx := t.Context()
			acct := rig.f.account(t, "verify")
			app := registeredWith(t, svc, acct, dv1, jstore.Step1{CSR: csr, Organization: org}, jstore.DCVDNS)
			_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
			require.NoError(t, err)
			rep, err := svc.Sync(ctx)
			require.NoError(t, err)
			assert.Equal(t, 1, rep.Flagged)
			assert.Zero(t, rep.Issued)
			app, err = svc.GetApplication(ctx, acct, app.ID)
			require.NoError(t, err)
			assert.Equal(t, jstore.StatusOrdered, app.Status, "nothing recorded")
			assert.Contains(t, app.Flag, tc.flag)
			certs, err := svc.ListCertificates(ctx, acct, jstore.ListOptions{})
			require.NoError(t, err)
			assert.Empty(t, certs.Items)
			rep, err = svc.Sync(ctx)
			require.NoError(t, err)
			assert.Zero(t, rep.Due, "a flagged application waits for staff")
		})
	}
}

func selfSignedRoot(t *testing.T) (*x509.Certificate, *rsa.PrivateKey) {
	key := testkit.NewKey(t)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Elsewhere Root"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	c, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return c, key
}

func poolWith(c *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c)
	return p
}
