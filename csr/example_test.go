package csr_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/jstore-sdk/sdk/csr"
)

func ExampleCheck() {
	text, _ := os.ReadFile("testdata/c16-cfssl-p256-email-uri-ip-sans.csr")
	_, err := csr.Check(text, csr.Policy{})
	var e *csr.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			fmt.Printf("%s: %s\n", string(p.Code), p.Message("ja"))
		}
	}
	fmt.Println("IP SAN refused:", errors.Is(err, csr.CodeSANIP))
	// Output:
	// key_algorithm: この鍵の種類は受け付けられません。認証局はRSA鍵のみ受け付けます。（ECDSA）
	// cn_internal: コモンネーム（CN）が内部名または予約済みの名前です。公開ドメイン名を指定してください。（ドットのない名前です）
	// san_ip: SANにIPアドレスは使えません。（192.168.0.1）
	// san_email_uri: SANにメールアドレスやURIは使えません。
	// IP SAN refused: true
}

func ExampleCheck_warnings() {
	text, _ := os.ReadFile("testdata/x03-wild-chtglobal-iis-certreq-sha1.txt")
	r, err := csr.Check(text, csr.Policy{})
	fmt.Println("accepted:", err == nil, r.CommonName)
	for _, w := range r.Warnings {
		fmt.Printf("warning %s: %s\n", string(w.Code), w.Message("en"))
	}
	// Output:
	// accepted: true net2mail.chtglobal.com
	// warning signature_algorithm: the CSR's signature algorithm is weak or unsupported; use SHA-256 or stronger (SHA1-RSA)
	// warning subject_ou: the organisational unit (OU) is dropped by the CA and will not appear
}

func ExampleCheck_renewal() {
	text, _ := os.ReadFile("testdata/c08-cfssl-leaf-rsa2048.csr")
	_, err := csr.Check(text, csr.Policy{ExpectedCN: "www.example.com"})
	fmt.Println(errors.Is(err, csr.CodeCNMismatch))
	// Output:
	// true
}

func ExampleGenerate() {
	keyPEM, csrPEM, err := csr.Generate(csr.GenerateRequest{
		Key:     csr.RSA2048,
		Subject: csr.Subject{CommonName: "www.example.jp", Country: "JP"},
	})
	if err != nil {
		panic(err)
	}
	r, err := csr.Check(csrPEM, csr.Policy{})
	fmt.Println(len(keyPEM) > 0, err, r.KeyBits, r.DNSNames)
	// Output:
	// true <nil> 2048 [www.example.jp]
}
