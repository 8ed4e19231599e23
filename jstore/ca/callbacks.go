package ca

import (
	"context"
	"net/http"
	"net/url"
)

// CallbacksService registers the URL the CA POSTs each [Action] to. One URL per certificate;
// registering replaces the previous one.
type CallbacksService service

// Get returns the registered callback URL.
func (s *CallbacksService) Get(ctx context.Context, id string) (string, error) {
	var out struct {
		CallbackURL string `json:"callbackUrl"`
	}
	err := s.c.do(ctx, call{op: "certificate_callback_get", method: http.MethodGet, path: "/v1/certificates/{certificateId}/callback", params: idParam(id), out: &out})
	return out.CallbackURL, err
}

// Replace registers callbackURL, replacing any earlier one (204). The URL travels in the query,
// as the API wants.
func (s *CallbacksService) Replace(ctx context.Context, id, callbackURL string) error {
	if u, err := url.Parse(callbackURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return &Error{Kind: KindInvalid, Op: "certificate_callback_replace", Message: "the callback URL must be an absolute http or https URL"}
	}
	return s.c.do(ctx, call{op: "certificate_callback_replace", method: http.MethodPut, path: "/v1/certificates/{certificateId}/callback", params: idParam(id), query: url.Values{"callbackUrl": {callbackURL}}})
}

// Delete unregisters the callback (204).
func (s *CallbacksService) Delete(ctx context.Context, id string) error {
	return s.c.do(ctx, call{op: "certificate_callback_delete", method: http.MethodDelete, path: "/v1/certificates/{certificateId}/callback", params: idParam(id)})
}
