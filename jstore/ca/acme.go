package ca

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// ExternalAccountBinding is what an ACME client (certbot, lego, acme.sh) needs to register an
// account bound to the customer at the CA's ACME directory, for DV certificates the CA issues
// by ACME. HMACKey is a secret: the type prints without it.
type ExternalAccountBinding struct {
	DirectoryURL string `json:"directoryUrl"`
	KeyID        string `json:"keyId"`
	HMACKey      string `json:"hmacKey"`
}

// String shows the directory and key ID; the HMAC key never appears in a log line.
func (b ExternalAccountBinding) String() string {
	return fmt.Sprintf("{DirectoryURL:%s KeyID:%s HMACKey:[redacted]}", b.DirectoryURL, b.KeyID)
}

// GoString is String, so that %#v hides the key as well.
func (b ExternalAccountBinding) GoString() string { return "ca.ExternalAccountBinding" + b.String() }

// ExternalAccountBinding returns the customer's ACME external account binding (GET
// /v2/customers/{customerId}/certificates/acme/externalAccountBinding). An answer without the
// three values is ErrBadResponse.
func (s *CustomersService) ExternalAccountBinding(ctx context.Context, customerID string) (*ExternalAccountBinding, error) {
	const op = "getAcmeExternalAccountBinding"
	var out ExternalAccountBinding
	err := s.c.do(ctx, call{op: op, method: http.MethodGet, path: "/v2/customers/{customerId}/certificates/acme/externalAccountBinding",
		params: map[string]string{"customerId": customerID}, out: &out,
		check: func() error {
			if out.DirectoryURL == "" || out.KeyID == "" || out.HMACKey == "" {
				return errors.New("the binding lacks its directory URL, key ID or HMAC key")
			}
			return nil
		}})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
