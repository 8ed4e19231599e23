package sqlstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func setEventSeq(*jstore.Event, int64) {}

func (t *tx) AppendEvent(ctx context.Context, e *jstore.Event) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if e.Account == "" {
		return missingKey("event")
	}
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	v := *e
	v.Seq = seq
	data, err := encode(v)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO events (seq, account, certificate, data) VALUES (?, ?, ?, ?)`, seq, e.Account, e.Certificate, data); err != nil {
		return err
	}
	e.Seq = seq
	return nil
}

func (t *tx) ListEvents(ctx context.Context, account jstore.AccountID, cert jstore.CertificateID, opts jstore.ListOptions) (jstore.Page[jstore.Event], error) {
	if cert == "" {
		return listPage(ctx, t, opts, setEventSeq, qListEvents, account)
	}
	return listPage(ctx, t, opts, setEventSeq, qListCertEvents, account, cert)
}
