package sqlstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func setInquiryVersion(q *jstore.Inquiry, v int64) { q.Version = v }

func (t *tx) CreateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if q.ID == "" || q.Account == "" {
		return missingKey("inquiry")
	}
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	v := *q
	v.Version = 1
	data, err := encode(v)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO inquiries (id, account, seq, version, status, data) VALUES (?, ?, ?, 1, ?, ?)`, q.ID, q.Account, seq, string(q.Status), data); err != nil {
		return t.s.d.constraint(err)
	}
	q.Version = 1
	return nil
}

func (t *tx) GetInquiry(ctx context.Context, account jstore.AccountID, id jstore.InquiryID) (jstore.Inquiry, error) {
	return getRecord(ctx, t, setInquiryVersion, `SELECT data, version FROM inquiries WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) GetInquiryByID(ctx context.Context, id jstore.InquiryID) (jstore.Inquiry, error) {
	return getRecord(ctx, t, setInquiryVersion, `SELECT data, version FROM inquiries WHERE id = ?`, id)
}

func (t *tx) UpdateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	v := *q
	v.Version++
	data, err := encode(v)
	if err != nil {
		return err
	}
	n, err := t.exec(ctx, `UPDATE inquiries SET version = ?, status = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		v.Version, string(v.Status), data, q.ID, q.Account, q.Version)
	if err != nil {
		return err
	}
	if err := t.updated(ctx, n, `SELECT 1 FROM inquiries WHERE id = ? AND account = ?`, q.ID, q.Account); err != nil {
		return err
	}
	q.Version = v.Version
	return nil
}

func (t *tx) ListInquiries(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	return listPage(ctx, t, opts, setInquiryVersion, `SELECT seq, data, version FROM inquiries WHERE account = ?`, account)
}

func (t *tx) ListAllInquiries(ctx context.Context, status jstore.InquiryStatus, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	if status == "" {
		return listPage(ctx, t, opts, setInquiryVersion, `SELECT seq, data, version FROM inquiries WHERE 1 = 1`)
	}
	return listPage(ctx, t, opts, setInquiryVersion, qListInquiriesByStatus, string(status))
}
