package csr_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
)

// The verdicts of testdata/INDEX.md under the zero Policy: the codes that must refuse the CSR,
// or, for an accepted one, the warnings it must carry.
var realWorld = map[string]struct {
	errors   []csr.Code
	warnings []csr.Code
}{
	"b02-boulder-cn_and_san-valid.der.csr":                {errors: []csr.Code{csr.CodePEMMissing}},
	"b07-boulder-fermat_csr.pem":                          {errors: []csr.Code{csr.CodeKeyWeak}},
	"c01-cfssl-broken_csr-bad-base64.pem":                 {errors: []csr.Code{csr.CodePEMMalformed}},
	"c04-cfssl-rsa1024.csr":                               {errors: []csr.Code{csr.CodeKeyTooSmall}},
	"c08-cfssl-leaf-rsa2048.csr":                          {warnings: []csr.Code{csr.CodeSubjectOU}},
	"c11-cfssl-leaf-ecdsa-p256.csr":                       {errors: []csr.Code{csr.CodeKeyAlgorithm}},
	"c14-cfssl-ed25519.csr":                               {errors: []csr.Code{csr.CodeKeyAlgorithm}},
	"c16-cfssl-p256-email-uri-ip-sans.csr":                {errors: []csr.Code{csr.CodeKeyAlgorithm, csr.CodeCNInternal, csr.CodeSANIP, csr.CodeSANEmailURI}},
	"e01-certbot-100sans-rsa512.pem":                      {errors: []csr.Code{csr.CodeKeyTooSmall}},
	"e03-certbot-ipv4-sans-only.pem":                      {errors: []csr.Code{csr.CodeCNMissing, csr.CodeSANIP}},
	"k02-badkeys-invalidver.csr":                          {errors: []csr.Code{csr.CodeVersionInvalid, csr.CodeSignatureInvalid, csr.CodeKeyAlgorithm}},
	"p01-pyca-ec_sha256_old_header.pem":                   {errors: []csr.Code{csr.CodeKeyAlgorithm}},
	"p02-pyca-rsa_md4.pem":                                {errors: []csr.Code{csr.CodeSignatureAlgorithm}},
	"p05-pyca-rsa_sha1.pem":                               {warnings: []csr.Code{csr.CodeSignatureAlgorithm}},
	"r02-roca-csr05-positive-2049bit.pem":                 {errors: []csr.Code{csr.CodeKeyWeak, csr.CodeKeySize}},
	"s03-smallstep-badpem-corrupt-der.csr":                {errors: []csr.Code{csr.CodeDERMalformed}},
	"w01-wss4j-certDSA-keytool-dsa.req":                   {errors: []csr.Code{csr.CodeKeyAlgorithm}},
	"x03-wild-chtglobal-iis-certreq-sha1.txt":             {warnings: []csr.Code{csr.CodeSignatureAlgorithm, csr.CodeSubjectOU}},
	"x06-wild-networkingsuite-localhost-loopback-ips.csr": {errors: []csr.Code{csr.CodeCNInternal, csr.CodeSANIP}},
	"x08-wild-aqlife-country-CQ-cn-with-spaces.csr":       {errors: []csr.Code{csr.CodeCountryInvalid, csr.CodeCNInvalid}},
}

func TestRealWorldCSRs(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/*")
	require.NoError(t, err)
	seen := 0
	for _, path := range files {
		name := filepath.Base(path)
		if name == "INDEX.md" {
			continue
		}
		want, ok := realWorld[name]
		require.True(t, ok, "%s has no verdict in the table", name)
		seen++
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(path)
			require.NoError(t, err)
			r, err := csr.Check(text, csr.Policy{})
			if len(want.errors) > 0 {
				var e *csr.Error
				require.ErrorAs(t, err, &e)
				for _, code := range want.errors {
					assert.ErrorIs(t, err, code)
				}
				return
			}
			require.NoError(t, err)
			var got []csr.Code
			for _, w := range r.Warnings {
				got = append(got, w.Code)
			}
			assert.ElementsMatch(t, want.warnings, got)
			_, err = csr.Check(text, csr.Policy{Strict: true})
			for _, code := range want.warnings {
				assert.ErrorIs(t, err, code, "Strict turns the warning into an error")
			}
		})
	}
	assert.Equal(t, len(realWorld), seen, "every file of the table is in testdata")
}

func TestCheckReportsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := csr.Check(testdata(t, "c16-cfssl-p256-email-uri-ip-sans.csr"), csr.Policy{})
	var e *csr.Error
	require.True(t, errors.As(err, &e))
	assert.GreaterOrEqual(t, len(e.Problems), 4, "all problems at once, not the first only")
}
