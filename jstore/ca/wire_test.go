package ca_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

var update = flag.Bool("update", false, "rewrite the golden request bodies under testdata/requests")

const (
	testKey    = "KEY-8c1f2e"
	testSecret = "SECRET-77ab90"
	oddID      = "ab/c d" // must travel escaped as ab%2Fc%20d
	oddIDPath  = "ab%2Fc%20d"
	customer   = "c/1"
)

// mockClient is a client whose transport is an httpmock transport answering with respond; it
// records every request it sees.
func mockClient(t *testing.T, respond httpmock.Responder, opts ...ca.Option) (*ca.Client, *[]*http.Request) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var seen []*http.Request
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		seen = append(seen, r)
		return respond(r)
	})
	base := []ca.Option{ca.WithBaseURL("https://api.test"), ca.WithHTTPClient(&http.Client{Transport: mt}), ca.WithoutRateLimit(), ca.WithMarketID("ja-JP"),
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: time.Minute})}
	c, err := ca.NewClient(testKey, testSecret, append(base, opts...)...)
	require.NoError(t, err)
	ca.SetSleep(c, func(ctx context.Context, d time.Duration) error { return ctx.Err() })
	return c, &seen
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "responses", name+".json"))
	require.NoError(t, err)
	return string(b)
}

type wireCase struct {
	op     string
	method string
	path   string // escaped
	query  string // encoded, "" for none
	status int
	market bool
	body   bool // a JSON body, compared with testdata/requests/<op>.json
	fixed  string
	errs   []int // the statuses the specification declares besides success
	run    func(context.Context, *ca.Client) (any, error)
	check  func(*testing.T, any)
}

var delay72 = 72

var fullCreate = ca.CreateRequest{
	CallbackURL: "https://panel.example.jp/cb?cid=1", CommonName: "example.jp", Contact: contact,
	CSR: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n", IntelVPro: true,
	Organization: &ca.OrganizationCreate{Name: "Example KK", Phone: "+81.312345678", Address: &ca.Address{Address1: "1-2-3 Chiyoda", City: "Chiyoda-ku", State: "Tokyo", PostalCode: "100-0001", Country: "JP"}},
	Period:       2, ProductType: ca.ProductUCCOVSSL, RootType: ca.GoDaddySHA2, SlotSize: ca.SlotsForty, SubjectAlternativeNames: []string{"shop.example.jp", "www.example.jp"},
}

func wireCases() []wireCase {
	v1 := []int{400, 401, 403, 404, 500}
	return []wireCase{
		{op: "certificate_create", method: "POST", path: "/v1/certificates", status: 202, market: true, body: true, errs: []int{400, 401, 403, 409, 422, 500},
			run:   func(ctx context.Context, c *ca.Client) (any, error) { return c.Certificates.Create(ctx, fullCreate) },
			check: func(t *testing.T, v any) { assert.Equal(t, oddID, v) }},
		{op: "certificate_validate", method: "POST", path: "/v1/certificates/validate", status: 204, market: true, body: true, errs: []int{400, 401, 403, 409, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return nil, c.Certificates.Validate(ctx, ca.CreateRequest{Contact: contact, CSR: "csr", Period: 1, ProductType: ca.ProductDVSSL})
			}},
		{op: "certificate_get", method: "GET", path: "/v1/certificates/" + oddIDPath, status: 200, errs: v1,
			run: func(ctx context.Context, c *ca.Client) (any, error) { return c.Certificates.Get(ctx, oddID) },
			check: func(t *testing.T, v any) {
				c := v.(*ca.Certificate)
				assert.Equal(t, ca.Status("CURRENT"), c.Status)
				assert.False(t, c.Status.Known(), "a status missing from the specification decodes and is reported as unknown")
				assert.Equal(t, ca.SlotsForty, c.SlotSize)
				assert.Equal(t, 40, c.SlotSize.Count())
				assert.Equal(t, "JP", c.Organization.Address.Country)
				assert.Equal(t, time.Date(2027, 6, 8, 1, 2, 3, 0, time.UTC), c.ValidEnd)
				assert.Equal(t, ca.SANCompleted, c.SubjectAlternativeNames[0].Status)
				assert.False(t, c.SubjectAlternativeNames[1].Status.Known())
			}},
		{op: "certificate_action_retrieve", method: "GET", path: "/v1/certificates/" + oddIDPath + "/actions", status: 200, errs: v1,
			run: func(ctx context.Context, c *ca.Client) (any, error) { return c.Certificates.Actions(ctx, oddID) },
			check: func(t *testing.T, v any) {
				a := v.([]ca.Action)
				require.Len(t, a, 3)
				assert.Equal(t, ca.ActionIssued, a[2].Type)
				assert.True(t, a[2].Type.Known())
			}},
		{op: "certificate_download", method: "GET", path: "/v1/certificates/" + oddIDPath + "/download", status: 200, errs: []int{400, 401, 403, 404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) { return c.Certificates.Download(ctx, oddID) },
			check: func(t *testing.T, v any) {
				b := v.(*ca.Bundle)
				assert.Equal(t, "1234567890", b.SerialNumber)
				assert.Equal(t, b.PEMs.Certificate+b.PEMs.Intermediate+b.PEMs.Cross+b.PEMs.Root, b.PEMs.Chain())
			}},
		{op: "certificate_reissue", method: "POST", path: "/v1/certificates/" + oddIDPath + "/reissue", status: 202, body: true, fixed: "", errs: []int{400, 401, 403, 404, 409, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Certificates.Reissue(ctx, oddID, ca.ReissueRequest{CSR: "csr", DelayExistingRevoke: &delay72, RootType: ca.StarfieldSHA2, SubjectAlternativeNames: []string{"a.example.jp"}, ForceDomainRevetting: []string{"*"}})
			},
			check: func(t *testing.T, v any) { assert.Equal(t, oddID, v, "an empty 202 keeps the ID") }},
		{op: "certificate_renew", method: "POST", path: "/v1/certificates/" + oddIDPath + "/renew", status: 202, body: true, fixed: `{"certificateId":"new-id"}`, errs: []int{400, 401, 403, 404, 409, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Certificates.Renew(ctx, oddID, ca.RenewRequest{Period: 1, RootType: ca.StarfieldSHA2, CallbackURL: "https://panel.example.jp/cb"})
			},
			check: func(t *testing.T, v any) { assert.Equal(t, "new-id", v, "a 202 that names an ID is followed") }},
		{op: "certificate_revoke", method: "POST", path: "/v1/certificates/" + oddIDPath + "/revoke", status: 204, body: true, errs: []int{400, 401, 403, 404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return nil, c.Certificates.Revoke(ctx, oddID, ca.ReasonKeyCompromise)
			}},
		{op: "certificate_cancel", method: "POST", path: "/v1/certificates/" + oddIDPath + "/cancel", status: 204, errs: []int{401, 403, 404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) { return nil, c.Certificates.Cancel(ctx, oddID) }},
		{op: "certificate_verifydomaincontrol", method: "POST", path: "/v1/certificates/" + oddIDPath + "/verifyDomainControl", status: 204, errs: []int{400, 401, 403, 404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return nil, c.Certificates.VerifyDomainControl(ctx, oddID)
			}},
		{op: "certificate_siteseal_get", method: "GET", path: "/v1/certificates/" + oddIDPath + "/siteSeal", query: "locale=ja&theme=DARK", status: 200, errs: []int{400, 401, 403, 404, 409, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Certificates.SiteSeal(ctx, oddID, ca.SiteSealOptions{Theme: ca.ThemeDark, Locale: "ja"})
			},
			check: func(t *testing.T, v any) { assert.Equal(t, `<span id="siteseal"></span>`, v) }},
		{op: "certificate_callback_get", method: "GET", path: "/v1/certificates/" + oddIDPath + "/callback", status: 200, errs: v1,
			run:   func(ctx context.Context, c *ca.Client) (any, error) { return c.Callbacks.Get(ctx, oddID) },
			check: func(t *testing.T, v any) { assert.Equal(t, "https://panel.example.jp/ca/callback?cid=ab", v) }},
		{op: "certificate_callback_replace", method: "PUT", path: "/v1/certificates/" + oddIDPath + "/callback", query: "callbackUrl=https%3A%2F%2Fpanel.example.jp%2Fcb%3Fcid%3Dab%26x%3D1", status: 204, errs: []int{400, 401, 403, 404, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return nil, c.Callbacks.Replace(ctx, oddID, "https://panel.example.jp/cb?cid=ab&x=1")
			}},
		{op: "certificate_callback_delete", method: "DELETE", path: "/v1/certificates/" + oddIDPath + "/callback", status: 204, errs: v1,
			run: func(ctx context.Context, c *ca.Client) (any, error) { return nil, c.Callbacks.Delete(ctx, oddID) }},
		{op: "certificate_email_history", method: "GET", path: "/v1/certificates/" + oddIDPath + "/email/history", status: 200, errs: []int{409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) { return c.Emails.History(ctx, oddID) },
			check: func(t *testing.T, v any) {
				h := v.([]ca.EmailHistory)
				require.Len(t, h, 1, "the single object the specification declares")
				assert.Equal(t, int64(42), h[0].ID)
			}},
		{op: "certificate_resend_email", method: "POST", path: "/v1/certificates/" + oddIDPath + "/email/42/resend", status: 204, errs: []int{404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) { return nil, c.Emails.Resend(ctx, oddID, 42) }},
		{op: "certificate_alternate_email_address", method: "POST", path: "/v1/certificates/" + oddIDPath + "/email/resend/web+master@example.jp", status: 200, errs: []int{404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Emails.AddAlternateAddress(ctx, oddID, "web+master@example.jp")
			},
			check: func(t *testing.T, v any) { assert.Len(t, v.([]ca.EmailHistory), 2, "a list decodes too") }},
		{op: "certificate_resend_email_address", method: "POST", path: "/v1/certificates/" + oddIDPath + "/email/42/resend/a%2Fb@example.jp", status: 204, errs: []int{404, 409, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return nil, c.Emails.ResendTo(ctx, oddID, 42, "a/b@example.jp")
			}},
		{op: "certificate_get_entitlement", method: "GET", path: "/v2/certificates", query: "entitlementId=ent%2F1+x&latest=false", status: 200, errs: []int{400, 401, 403, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				latest := false
				return c.Certificates.ByEntitlement(ctx, "ent/1 x", ca.EntitlementOptions{Latest: &latest})
			},
			check: func(t *testing.T, v any) {
				cs := v.([]ca.Certificate)
				require.Len(t, cs, 2)
				assert.Equal(t, oddID, cs[0].CertificateID)
				assert.Equal(t, ca.StatusIssued, cs[0].Status)
				assert.Equal(t, 100, cs[0].Progress)
				assert.Equal(t, ca.Status("EXPIRED"), cs[1].Status)
			}},
		{op: "certificate_download_entitlement", method: "GET", path: "/v2/certificates/download", query: "entitlementId=ent%2F1+x", status: 200, errs: []int{400, 401, 403, 404, 409, 422, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Certificates.DownloadByEntitlement(ctx, "ent/1 x")
			},
			check: func(t *testing.T, v any) {
				b := v.(*ca.Bundle)
				assert.Equal(t, "1234567890", b.SerialNumber)
				assert.Contains(t, b.PEMs.Certificate, "LEAF")
			}},
		{op: "getAcmeExternalAccountBinding", method: "GET", path: "/v2/customers/c%2F1/certificates/acme/externalAccountBinding", status: 200, errs: []int{401, 403, 404, 422, 429, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Customers.ExternalAccountBinding(ctx, customer)
			},
			check: func(t *testing.T, v any) {
				b := v.(*ca.ExternalAccountBinding)
				assert.Equal(t, "https://acme.api.test/v2/directory", b.DirectoryURL)
				assert.Equal(t, "kid-0f3a9c", b.KeyID)
				assert.Equal(t, "c2VjcmV0LWhtYWMta2V5LWZvci1lYWI", b.HMACKey)
				for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
					assert.NotContains(t, fmt.Sprintf(verb, *b), b.HMACKey, verb)
					assert.NotContains(t, fmt.Sprintf(verb, b), b.HMACKey, verb)
				}
			}},
		{op: "getCustomerCertificatesByCustomerId", method: "GET", path: "/v2/customers/c%2F1/certificates", query: "limit=1&offset=2", status: 200, errs: []int{401, 403, 422, 429, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Customers.List(ctx, customer, ca.ListOptions{Offset: 2, Limit: 1})
			},
			check: func(t *testing.T, v any) {
				p := v.(*ca.CertificatePage)
				require.Len(t, p.Certificates, 1)
				assert.Equal(t, ca.TypeOVCodeSigning, p.Certificates[0].Type)
				assert.True(t, p.Certificates[0].RenewalAvailable)
				assert.Equal(t, 2, p.Pagination.Total)
			}},
		{op: "getCertificateDetailByCertIdentifier", method: "GET", path: "/v2/customers/c%2F1/certificates/" + oddIDPath, status: 200, errs: []int{401, 403, 404, 422, 429, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) { return c.Customers.Get(ctx, customer, oddID) },
			check: func(t *testing.T, v any) {
				d := v.(*ca.CertificateDetail)
				assert.Equal(t, ca.GoDaddySHA2, d.RootType)
				assert.Equal(t, "Taro", d.Contact.NameFirst)
				assert.Equal(t, ca.TypeUCCDVSSL, d.Type)
			}},
		{op: "getDomainInformationByCertificateId", method: "GET", path: "/v2/customers/c%2F1/certificates/" + oddIDPath + "/domainVerifications", status: 200, errs: []int{401, 403, 404, 422, 429, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Customers.DomainVerifications(ctx, customer, oddID)
			},
			check: func(t *testing.T, v any) {
				d := v.([]ca.DomainVerification)
				require.Len(t, d, 2)
				assert.Equal(t, "0123", d[0].DCEToken)
				assert.True(t, d[1].Status.Known(), "REVOKED_CERT, the description's spelling, is known")
				assert.True(t, d[1].Type.Known(), "ADMINSTRATOR is the wire spelling")
			}},
		{op: "getDomainDetailsByDomain", method: "GET", path: "/v2/customers/c%2F1/certificates/" + oddIDPath + "/domainVerifications/xn--bcher-kva.example", status: 200, errs: []int{401, 403, 404, 422, 429, 500},
			run: func(ctx context.Context, c *ca.Client) (any, error) {
				return c.Customers.DomainVerification(ctx, customer, oddID, "xn--bcher-kva.example")
			},
			check: func(t *testing.T, v any) {
				d := v.(*ca.DomainVerificationDetail)
				assert.Equal(t, ca.CAARemovedNotFoundCA, d.CAA.Status)
				assert.Equal(t, []ca.CAARecommendation{ca.CAAAddCA, ca.CAAValidateSOA}, d.CAA.Recommendations)
			}},
	}
}

// TestWire checks each endpoint's request (method, escaped path, query, headers, exact JSON
// body) and the decoding of its documented success answer.
func TestWire(t *testing.T) {
	t.Parallel()
	for _, tc := range wireCases() {
		t.Run(tc.op, func(t *testing.T) {
			body := tc.fixed
			if body == "" && tc.status != 204 {
				if _, err := os.Stat(filepath.Join("testdata", "responses", tc.op+".json")); err == nil {
					body = fixture(t, tc.op)
				}
			}
			c, seen := mockClient(t, func(*http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(tc.status, body)
				r.Header.Set("Content-Type", "application/json")
				return r, nil
			})
			got, err := tc.run(t.Context(), c)
			require.NoError(t, err)
			if tc.check != nil {
				tc.check(t, got)
			}
			require.Len(t, *seen, 1)
			r := (*seen)[0]
			assert.Equal(t, tc.method, r.Method)
			assert.Equal(t, tc.path, r.URL.EscapedPath())
			assert.Equal(t, tc.query, r.URL.RawQuery)
			assert.Equal(t, "sso-key "+testKey+":"+testSecret, r.Header.Get("Authorization"))
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			assert.Equal(t, ca.DefaultUserAgent, r.Header.Get("User-Agent"))
			if tc.market {
				assert.Equal(t, "ja-JP", r.Header.Get("X-Market-Id"))
			} else {
				assert.Empty(t, r.Header.Get("X-Market-Id"), "X-Market-Id only where the specification declares it")
			}
			if !tc.body {
				assert.Empty(t, r.Header.Get("Content-Type"))
				return
			}
			assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			sent, err := io.ReadAll(r.Body)
			require.NoError(t, err)
			golden := filepath.Join("testdata", "requests", tc.op+".json")
			if *update {
				var pretty bytes.Buffer
				require.NoError(t, json.Indent(&pretty, sent, "", "  "))
				require.NoError(t, os.WriteFile(golden, append(pretty.Bytes(), '\n'), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file; run go test -update once and review it")
			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, want))
			assert.Equal(t, compact.String(), string(sent))
		})
	}
}

// TestWireErrors answers each endpoint with every error status the specification declares and
// checks the *ca.Error: status, code, message, fields, and the kind for errors.Is.
func TestWireErrors(t *testing.T) {
	t.Parallel()
	kinds := map[int]error{400: ca.ErrInvalid, 401: ca.ErrUnauthorized, 403: ca.ErrForbidden, 404: ca.ErrNotFound, 409: ca.ErrConflict, 422: ca.ErrInvalid, 429: ca.ErrRateLimited, 500: ca.ErrUnavailable}
	for _, tc := range wireCases() {
		for _, status := range tc.errs {
			t.Run(fmt.Sprintf("%s/%d", tc.op, status), func(t *testing.T) {
				c, seen := mockClient(t, func(*http.Request) (*http.Response, error) {
					if status == 401 {
						return httpmock.NewStringResponse(401, ""), nil // the real 401 body is empty
					}
					return httpmock.NewStringResponse(status, `{"code":"C`+fmt.Sprint(status)+`","message":"m","fields":[{"code":"F","path":"csr","message":"`+"`csr` is invalid"+`"}],"retryAfterSec":3}`), nil
				}, ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1}))
				_, err := tc.run(t.Context(), c)
				var e *ca.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, status, e.Status)
				assert.Equal(t, tc.op, e.Op)
				assert.Len(t, *seen, 1)
				want := kinds[status]
				if status == 500 && isCreating(tc.op) {
					want = ca.ErrOutcomeUnknown
				}
				assert.ErrorIs(t, err, want)
				if status == 401 {
					assert.Empty(t, e.Code)
					return
				}
				assert.Equal(t, fmt.Sprintf("C%d", status), e.Code)
				assert.Equal(t, "m", e.Message)
				assert.Equal(t, []ca.FieldError{{Code: "F", Path: "csr", Message: "`csr` is invalid"}}, e.Fields)
				assert.Contains(t, e.Error(), "csr: `csr` is invalid")
				if status == 429 {
					assert.Equal(t, 3*time.Second, e.RetryAfter)
				}
			})
		}
	}
}

func isCreating(op string) bool {
	switch op {
	case "certificate_create", "certificate_reissue", "certificate_renew", "certificate_revoke":
		return true
	}
	return false
}
