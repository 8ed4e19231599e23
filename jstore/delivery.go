package jstore

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// DeliveryFormat is the form a certificate is delivered in (発行済証明書再取得).
type DeliveryFormat string

// Delivery formats.
const (
	FormatCertificate   DeliveryFormat = "certificate"   // the server certificate, PEM
	FormatChain         DeliveryFormat = "chain"         // server certificate, intermediate and cross, PEM
	FormatIntermediates DeliveryFormat = "intermediates" // the intermediate bundle, PEM
	FormatPKCS7         DeliveryFormat = "pkcs7"         // the chain as PKCS #7 (.p7b), for IIS and Java
	FormatApache        DeliveryFormat = "apache"        // zip: certificate, intermediates, notes
	FormatNginx         DeliveryFormat = "nginx"         // zip: the full chain in one file, notes
	FormatIIS           DeliveryFormat = "iis"           // zip: the .p7b and the certificate, notes
)

// Delivery is a file to hand the customer.
type Delivery struct {
	FileName    string
	ContentType string
	Body        []byte
}

// Download fetches the certificate's current issuance from the CA, verifies it — the
// intermediate signed the leaf, the leaf's serial and names are the record's — and returns it
// in format; each delivery is recorded in the certificate's history. A mismatch is an error and
// nothing is delivered. A certificate not issued is ErrState, one locked by a renewal
// ErrCertificateLocked, another account's ErrNotFound.
func (s *Service) Download(ctx context.Context, account AccountID, id CertificateID, format DeliveryFormat) (Delivery, error) {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	d, c, err := s.deliverable(ctx, account, id, format)
	if err != nil {
		return Delivery{}, err
	}
	if err := s.recordDelivery(ctx, account, c, format, map[string]string{"by": "download"}); err != nil {
		return Delivery{}, err
	}
	return d, nil
}

// deliverable fetches, verifies and packs the certificate without recording the delivery.
func (s *Service) deliverable(ctx context.Context, account AccountID, id CertificateID, format DeliveryFormat) (Delivery, Certificate, error) {
	c, err := s.fromCA(ctx, account, id, "delivers it")
	if err != nil {
		return Delivery{}, Certificate{}, err
	}
	b, err := s.ful.ca.Download(ctx, c.CAOrderID)
	if err != nil {
		return Delivery{}, Certificate{}, err
	}
	chain, err := verifiedChain(c, b)
	if err != nil {
		return Delivery{}, Certificate{}, err
	}
	d, err := deliveryOf(c, chain, format)
	if err != nil {
		return Delivery{}, Certificate{}, err
	}
	return d, c, nil
}

// fromCA reads a certificate the account may manage and that the CA, which does what, holds:
// without a CA, or for a certificate recorded by hand, the call is refused.
func (s *Service) fromCA(ctx context.Context, account AccountID, id CertificateID, what string) (Certificate, error) {
	if s.ful.ca == nil {
		return Certificate{}, errNoCA
	}
	var c Certificate
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		c, err = s.manageable(ctx, tx, account, id)
		return err
	})
	if err != nil {
		return Certificate{}, err
	}
	if c.CAOrderID == "" {
		return Certificate{}, stateErr(string(id), "not_via_ca")
	}
	return c, nil
}

// recordDelivery puts a delivery in the certificate's history; detail says how it went.
func (s *Service) recordDelivery(ctx context.Context, account AccountID, c Certificate, format DeliveryFormat, detail map[string]string) error {
	detail["format"] = string(format)
	detail["serial"] = c.SerialHex
	return s.store.Update(ctx, func(tx Tx) error {
		return s.event(ctx, tx, Event{Account: account, Type: EventCertificateDelivered, Certificate: c.ID, Detail: detail})
	})
}

// verifiedChain parses the CA's pieces, leaf first, and checks them against the record.
func verifiedChain(c Certificate, b CABundle) ([]*x509.Certificate, error) {
	var chain []*x509.Certificate
	for _, p := range []string{b.Certificate, b.Intermediate, b.Cross} {
		for rest := []byte(p); ; {
			var block *pem.Block
			if block, rest = pem.Decode(rest); block == nil {
				break
			}
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, deliveryMismatch(c, "a certificate of the chain cannot be read")
			}
			chain = append(chain, cert)
		}
	}
	switch {
	case len(chain) < 2:
		return nil, deliveryMismatch(c, "the CA sent no intermediate")
	case !strings.EqualFold(chain[0].SerialNumber.Text(16), c.SerialHex):
		return nil, deliveryMismatch(c, "the CA's certificate is not the one on record (serial "+chain[0].SerialNumber.Text(16)+")")
	case chain[0].CheckSignatureFrom(chain[1]) != nil:
		return nil, deliveryMismatch(c, "the intermediate did not sign the certificate")
	}
	if got, want := nameSet(append(chain[0].DNSNames, chain[0].Subject.CommonName)), nameSet(append(slices.Clone(c.SANs), c.CommonName)); !slices.Equal(got, want) {
		return nil, deliveryMismatch(c, "the certificate's names are not the record's")
	}
	return chain, nil
}

func deliveryMismatch(c Certificate, why string) error {
	return &StateError{Kind: KindState, Record: string(c.ID), Code: "delivery_mismatch", Args: []message.Arg{arg("reason", message.Literal(why))}}
}

// deliveryOf builds the file for format.
func deliveryOf(c Certificate, chain []*x509.Certificate, format DeliveryFormat) (Delivery, error) {
	name := strings.ReplaceAll(strings.TrimPrefix(c.CommonName, "*."), ".", "_")
	if strings.HasPrefix(c.CommonName, "*.") {
		name = "wildcard_" + name
	}
	leaf, inter, full := pemOf(chain[0]), pemAll(chain[1:]), pemAll(chain)
	p7b, err := pkcs7(chain)
	if err != nil {
		return Delivery{}, err
	}
	const pemType, zipType = "application/x-pem-file", "application/zip"
	switch format {
	case FormatCertificate:
		return Delivery{name + ".crt", pemType, []byte(leaf)}, nil
	case FormatChain:
		return Delivery{name + ".fullchain.pem", pemType, []byte(full)}, nil
	case FormatIntermediates:
		return Delivery{name + ".intermediates.pem", pemType, []byte(inter)}, nil
	case FormatPKCS7:
		return Delivery{name + ".p7b", "application/x-pkcs7-certificates", p7b}, nil
	case FormatApache:
		body, err := zipOf(map[string][]byte{name + ".crt": []byte(leaf), name + ".intermediates.pem": []byte(inter), "README.txt": []byte(notes(name, format))})
		return Delivery{name + ".apache.zip", zipType, body}, err
	case FormatNginx:
		body, err := zipOf(map[string][]byte{name + ".fullchain.pem": []byte(full), "README.txt": []byte(notes(name, format))})
		return Delivery{name + ".nginx.zip", zipType, body}, err
	case FormatIIS:
		body, err := zipOf(map[string][]byte{name + ".p7b": p7b, name + ".crt": []byte(leaf), "README.txt": []byte(notes(name, format))})
		return Delivery{name + ".iis.zip", zipType, body}, err
	}
	return Delivery{}, invalid("format_invalid", "format")
}

func pemAll(certs []*x509.Certificate) string {
	var b strings.Builder
	for _, c := range certs {
		b.WriteString(pemOf(c))
	}
	return b.String()
}

// notes is the short installation note of a server type, in Japanese and English.
func notes(name string, f DeliveryFormat) string {
	switch f {
	case FormatApache:
		return fmt.Sprintf(`Apache
【日本語】SSLCertificateFile に %[1]s.crt を、SSLCertificateChainFile（Apache 2.4.8 以降は
SSLCertificateFile に続けて）に %[1]s.intermediates.pem を指定し、SSLCertificateKeyFile には
CSR を作成したときの秘密鍵を指定して、Apache を再起動してください。
[English] Point SSLCertificateFile at %[1]s.crt and SSLCertificateChainFile (or, from Apache
2.4.8, append it to SSLCertificateFile) at %[1]s.intermediates.pem, SSLCertificateKeyFile at the
private key you made the CSR with, then restart Apache.
`, name)
	case FormatNginx:
		return fmt.Sprintf(`nginx
【日本語】ssl_certificate に %[1]s.fullchain.pem（サーバー証明書と中間証明書）を、
ssl_certificate_key に CSR を作成したときの秘密鍵を指定して、nginx -s reload を実行してください。
[English] Point ssl_certificate at %[1]s.fullchain.pem (the certificate and its intermediates)
and ssl_certificate_key at the private key you made the CSR with, then run nginx -s reload.
`, name)
	default:
		return fmt.Sprintf(`IIS
【日本語】IIS マネージャーの「サーバー証明書」で「証明書の要求の完了」を選び、%[1]s.p7b
（または %[1]s.crt）を指定してください。中間証明書は .p7b に含まれています。サイトのバインドで
この証明書を選んでください。
[English] In IIS Manager, Server Certificates, choose Complete Certificate Request and give it
%[1]s.p7b (or %[1]s.crt); the .p7b carries the intermediates. Then pick the certificate in the
site's https binding.
`, name)
	}
}

// zipOf packs files, in name order, with a fixed time so that the same files give the same zip.
func zipOf(files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pkcs7 is a degenerate PKCS #7 SignedData (RFC 2315 §9.1, no signers) carrying certs, as .p7b
// files do.
func pkcs7(certs []*x509.Certificate) ([]byte, error) {
	var raw []byte
	for _, c := range certs {
		raw = append(raw, c.Raw...)
	}
	type contentInfo struct {
		ContentType asn1.ObjectIdentifier
	}
	type signedData struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		ContentInfo      contentInfo
		Certificates     asn1.RawValue // [0] IMPLICIT, built below
		SignerInfos      asn1.RawValue
	}
	sd, err := asn1.Marshal(signedData{
		Version:          1,
		DigestAlgorithms: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true},
		ContentInfo:      contentInfo{ContentType: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: raw},
		SignerInfos:      asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true},
	})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue // [0] EXPLICIT
	}{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sd}})
}
