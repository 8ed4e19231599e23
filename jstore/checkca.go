package jstore

import (
	"context"
	"errors"
)

// CACheckError says why the CA does not accept the SDK, in words an operator can act on.
type CACheckError struct {
	Problem Problem
	Err     error
}

func (e *CACheckError) Error() string { return "jstore: CA check: " + e.Problem.EN }
func (e *CACheckError) Unwrap() error { return e.Err }

// CheckCA makes the CA's cheapest authenticated call, for a panel to run at start-up: nil when
// the key and secret work, otherwise a *CACheckError whose Problem (codes ca_unauthorized,
// ca_forbidden, ca_unavailable, ca_error) tells the operator what to fix, in Japanese and
// English, naming the environment the keys were used against. The error also matches
// ErrCAUnauthorized, ErrCAForbidden or ErrCAUnavailable.
func (s *Service) CheckCA(ctx context.Context) error {
	if s.ful.ca == nil {
		return errNoCA
	}
	err := s.ful.ca.Ping(ctx)
	if err == nil {
		return nil
	}
	env := s.ful.ca.Environment()
	p := Problem{Code: "ca_error", Field: "ca",
		JA: "認証局（" + env + "）に接続できましたが、想定外の応答でした。ログを確認してください。",
		EN: "the CA (" + env + ") answered in an unexpected way; see the logs"}
	switch {
	case errors.Is(err, ErrCAForbidden):
		p = Problem{Code: "ca_forbidden", Field: "ca",
			JA: "APIキーは認証局（" + env + "）に受け付けられましたが、証明書を扱う権限がありません。証明書の権限があるアカウントのキーを使ってください。",
			EN: "the CA (" + env + ") accepted the API key but it has no access to certificates; use a key of an account with certificates access"}
	case errors.Is(err, ErrCAUnauthorized):
		p = Problem{Code: "ca_unauthorized", Field: "ca",
			JA: "認証局（" + env + "）がAPIキーとシークレットを受け付けませんでした。キーとシークレットが正しいか、またこの環境用のキーか（OTE用のキーは本番では使えず、その逆も同じです）を確認してください。",
			EN: "the CA (" + env + ") refused the API key and secret; check them, and that they are for this environment (OTE keys do not work in production, nor production keys in OTE)"}
	case errors.Is(err, ErrCAUnavailable), errors.Is(err, context.DeadlineExceeded):
		p = Problem{Code: "ca_unavailable", Field: "ca",
			JA: "認証局（" + env + "）に接続できません。ネットワークと接続先URLを確認してください。",
			EN: "the CA (" + env + ") cannot be reached; check the network and the base URL"}
	}
	return &CACheckError{Problem: p, Err: err}
}
