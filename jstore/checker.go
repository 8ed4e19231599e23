package jstore

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
)

// CSRCheck is what the application expects of a CSR.
type CSRCheck struct {
	// ExpectedCN is the certificate's Common Name on renewal and reissue; empty otherwise.
	ExpectedCN string
	// Wildcard is whether the product secures a wildcard name.
	Wildcard bool
	Level    ValidationLevel
}

// CSRInfo is what the application keeps from a CSR that passed.
type CSRInfo struct {
	CommonName string // lower-case A-label form
	DNSNames   []string
}

// CSRChecker judges a pasted CSR. A failing check returns an error (a *ValidationError for
// problems the customer can fix) and the application stays where it was. Implementations must
// never place the input's bytes in an error: a customer may paste a private key.
type CSRChecker interface {
	CheckCSR(text []byte, want CSRCheck) (CSRInfo, error)
}

// X509Checker is the built-in CSRChecker: PEM framing, a refused private key, DER and
// self-signature, RSA of at least 2048 bits, and the Common Name rules. The csr package
// provides the full policy of the upstream CA.
type X509Checker struct{}

// CheckCSR implements CSRChecker.
func (X509Checker) CheckCSR(text []byte, want CSRCheck) (CSRInfo, error) {
	fail := func(code, ja, en string) (CSRInfo, error) { return CSRInfo{}, invalid(code, "csr", ja, en) }
	if len(text) > MaxCSRBytes {
		return fail("input_too_large", "CSRが64KiBを超えています。", "the CSR is larger than 64 KiB")
	}
	if bytes.Contains(text, []byte("PRIVATE KEY-----")) {
		return fail("private_key", "秘密鍵が貼り付けられています。秘密鍵は送信せず、CSRのみを貼り付けてください。", "a private key was pasted; paste only the CSR and keep the key secret")
	}
	block, _ := pem.Decode(bytes.TrimSpace(text))
	if block == nil || (block.Type != "CERTIFICATE REQUEST" && block.Type != "NEW CERTIFICATE REQUEST") {
		return fail("pem_missing", "-----BEGIN CERTIFICATE REQUEST----- から -----END CERTIFICATE REQUEST----- までを含めて貼り付けてください。", "paste the CSR including the -----BEGIN/END CERTIFICATE REQUEST----- lines")
	}
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return fail("der_malformed", "CSRの内容を解析できません。", "the CSR's content cannot be parsed")
	}
	if err := req.CheckSignature(); err != nil {
		return fail("signature_invalid", "CSRの署名が正しくありません。", "the CSR's signature does not verify")
	}
	var ps problems
	if k, ok := req.PublicKey.(*rsa.PublicKey); !ok {
		ps.add("key_algorithm", "csr", "認証局はRSA鍵のみ受け付けます。", "the CA accepts RSA keys only")
	} else if k.N.BitLen() < 2048 {
		ps.add("key_too_small", "csr", "RSA鍵は2048ビット以上にしてください。", "the RSA key must be at least 2048 bits")
	}
	cn := strings.TrimSpace(req.Subject.CommonName)
	info := CSRInfo{}
	switch norm, err := normalizeDomain(cn); {
	case cn == "":
		ps.add("cn_missing", "csr", "CSRにコモンネーム（CN）がありません。", "the CSR has no Common Name")
	case err != nil:
		ps.add("cn_invalid", "csr", "コモンネーム（CN）がホスト名ではありません。", "the Common Name is not a valid host name: "+err.Error())
	case strings.HasPrefix(norm, "*.") != want.Wildcard:
		ps.add("cn_wildcard", "csr", "ワイルドカードはワイルドカード商品の左端ラベルにのみ使えます。", "a wildcard Common Name needs a wildcard product, and a wildcard product needs one")
	case want.ExpectedCN != "" && norm != strings.ToLower(want.ExpectedCN):
		ps.add("cn_mismatch", "csr", "更新・再発行ではコモンネーム（CN）を発行済証明書と一致させてください。", "on renewal and reissue the Common Name must equal the certificate's")
	default:
		info.CommonName = norm
	}
	for _, n := range req.DNSNames {
		if norm, err := normalizeDomain(n); err == nil {
			info.DNSNames = append(info.DNSNames, norm)
		}
	}
	if err := ps.err(); err != nil {
		return CSRInfo{}, err
	}
	return info, nil
}
