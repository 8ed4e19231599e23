package jstore

import (
	"context"
	"html/template"

	"github.com/jstore-sdk/sdk/seal"
)

// sealKey names one cached seal: a lineage in a language and theme.
type sealKey struct {
	account AccountID
	cert    CertificateID
	style   seal.Style
}

// SiteSeal returns the site seal (サイトシール) for a certificate lineage in a language and theme:
// the CA's seal HTML, accepted only in its expected shape (seal.Check), wrapped in a container
// naming the lineage's seal ID (seal.Snippet). The snippet belongs to the lineage: reissues and
// renewals keep it, so a customer's pages need no change. It is cached per lineage, language
// and theme. A certificate not issued is ErrState, one locked by a renewal ErrCertificateLocked,
// another account's ErrNotFound.
func (s *Service) SiteSeal(ctx context.Context, account AccountID, id CertificateID, st seal.Style) (template.HTML, error) {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	c, err := s.fromCA(ctx, account, id, "serves the seal")
	if err != nil {
		return "", err
	}
	key := sealKey{account, id, st}
	if v, ok := s.ful.seals.Load(key); ok {
		return v.(template.HTML), nil
	}
	raw, err := s.ful.ca.SiteSeal(ctx, c.CAOrderID, SealStyle{Dark: st.Dark, Lang: st.Lang})
	if err != nil {
		return "", err
	}
	checked, err := seal.Check(raw)
	if err != nil {
		return "", err
	}
	snippet, err := seal.Snippet(c.SealID, st, checked)
	if err != nil {
		return "", err
	}
	s.ful.seals.Store(key, snippet)
	return snippet, nil
}
