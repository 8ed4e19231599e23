package jstore_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// parseP7B reads the certificates of a degenerate PKCS #7 SignedData back.
func parseP7B(t *testing.T, der []byte) []*x509.Certificate {
	t.Helper()
	var ci struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue `asn1:"explicit,tag:0"`
	}
	_, err := asn1.Unmarshal(der, &ci)
	require.NoError(t, err)
	require.True(t, ci.ContentType.Equal(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}), "signedData")
	var sd struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		ContentInfo      asn1.RawValue
		Certificates     asn1.RawValue `asn1:"optional,tag:0"`
		SignerInfos      asn1.RawValue
	}
	_, err = asn1.Unmarshal(ci.Content.Bytes, &sd)
	require.NoError(t, err)
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	require.NoError(t, err)
	return certs
}

func pemCerts(t *testing.T, b []byte) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	for rest := b; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			return out
		}
		c, err := x509.ParseCertificate(block.Bytes)
		require.NoError(t, err)
		out = append(out, c)
	}
}

// TestDownload: every format, read back and its chain verified to the chosen root; each
// delivery in the history; a certificate the CA would send for another record is refused.
func TestDownload(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t)
	ctx := t.Context()
	acct := rig.f.account(t, "download")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "UCC_DV_SSL", Term: 1, SANSlots: 5}, "www.example.jp", "shop.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)
	verify := func(chain []*x509.Certificate) {
		t.Helper()
		require.NotEmpty(t, chain)
		inter := x509.NewCertPool()
		for _, c := range chain[1:] {
			inter.AddCert(c)
		}
		_, err := chain[0].Verify(x509.VerifyOptions{Roots: rig.roots[jstore.RootStarfield], Intermediates: inter, DNSName: "shop.example.jp", CurrentTime: rig.f.clock.Now()})
		require.NoError(t, err)
		assert.Equal(t, cert.SerialHex, chain[0].SerialNumber.Text(16))
	}

	d, err := svc.Download(ctx, acct, cert.ID, jstore.FormatChain)
	require.NoError(t, err)
	assert.Equal(t, "www_example_jp.fullchain.pem", d.FileName)
	verify(pemCerts(t, d.Body))
	d, err = svc.Download(ctx, acct, cert.ID, jstore.FormatCertificate)
	require.NoError(t, err)
	assert.Len(t, pemCerts(t, d.Body), 1)
	d, err = svc.Download(ctx, acct, cert.ID, jstore.FormatIntermediates)
	require.NoError(t, err)
	assert.NotEmpty(t, pemCerts(t, d.Body))
	d, err = svc.Download(ctx, acct, cert.ID, jstore.FormatPKCS7)
	require.NoError(t, err)
	assert.Equal(t, "application/x-pkcs7-certificates", d.ContentType)
	verify(parseP7B(t, d.Body))

	for format, want := range map[jstore.DeliveryFormat][]string{
		jstore.FormatApache: {"README.txt", "www_example_jp.crt", "www_example_jp.intermediates.pem"},
		jstore.FormatNginx:  {"README.txt", "www_example_jp.fullchain.pem"},
		jstore.FormatIIS:    {"README.txt", "www_example_jp.crt", "www_example_jp.p7b"},
	} {
		d, err := svc.Download(ctx, acct, cert.ID, format)
		require.NoError(t, err, format)
		zr, err := zip.NewReader(bytes.NewReader(d.Body), int64(len(d.Body)))
		require.NoError(t, err)
		var names []string
		files := map[string][]byte{}
		for _, f := range zr.File {
			names = append(names, f.Name)
			r, err := f.Open()
			require.NoError(t, err)
			files[f.Name], _ = io.ReadAll(r)
			r.Close()
		}
		assert.Equal(t, want, names, format)
		assert.Contains(t, string(files["README.txt"]), "【日本語】")
		assert.Contains(t, string(files["README.txt"]), "[English]")
		switch format {
		case jstore.FormatNginx:
			verify(pemCerts(t, files["www_example_jp.fullchain.pem"]))
		case jstore.FormatIIS:
			verify(parseP7B(t, files["www_example_jp.p7b"]))
		case jstore.FormatApache:
			verify(append(pemCerts(t, files["www_example_jp.crt"]), pemCerts(t, files["www_example_jp.intermediates.pem"])...))
		}
	}
	hist, err := svc.History(ctx, acct, cert.ID, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	delivered := 0
	for _, e := range hist.Items {
		if e.Type == jstore.EventCertificateDelivered {
			delivered++
		}
	}
	assert.Equal(t, 7, delivered, "each delivery is in the history")

	_, err = svc.Download(ctx, rig.f.account(t, "other"), cert.ID, jstore.FormatChain)
	assert.ErrorIs(t, err, jstore.ErrNotFound)
	_, err = svc.Download(ctx, acct, cert.ID, "tar")
	assert.ErrorIs(t, err, jstore.ErrInvalid)
	swapped := &swappingCA{CA: rig.adapter}
	_, err = rig.service(t, jstore.WithCA(swapped)).Download(ctx, acct, cert.ID, jstore.FormatChain)
	require.ErrorIs(t, err, jstore.ErrState)
	assert.Contains(t, err.Error(), "nothing was delivered")
}

// swappingCA sends the intermediate where the certificate should be.
type swappingCA struct{ jstore.CA }

func (c *swappingCA) Download(ctx context.Context, id jstore.CAOrderID) (jstore.CABundle, error) {
	b, err := c.CA.Download(ctx, id)
	b.Certificate, b.Intermediate = b.Intermediate, b.Certificate
	return b, err
}
