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
	return create(ctx, t, q, setInquiryVersion, `INSERT INTO inquiries (id, account, seq, version, status, data) VALUES (?, ?, ?, 1, ?, ?)`,
		func(seq int64, data string) []any { return []any{q.ID, q.Account, seq, string(q.Status), data} })
}

func (t *tx) GetInquiry(ctx context.Context, account jstore.AccountID, id jstore.InquiryID) (jstore.Inquiry, error) {
	return getRecord(ctx, t, setInquiryVersion, `SELECT data, version FROM inquiries WHERE id = ? AND account = ?`, id, account)
}

func (t *tx) GetInquiryByID(ctx context.Context, id jstore.InquiryID) (jstore.Inquiry, error) {
	return getRecord(ctx, t, setInquiryVersion, `SELECT data, version FROM inquiries WHERE id = ?`, id)
}

func (t *tx) UpdateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	return update(ctx, t, q, q.Version, setInquiryVersion, `UPDATE inquiries SET version = ?, status = ?, data = ? WHERE id = ? AND account = ? AND version = ?`,
		func(data string, next int64) []any {
			return []any{next, string(q.Status), data, q.ID, q.Account, q.Version}
		},
		`SELECT 1 FROM inquiries WHERE id = ? AND account = ?`, q.ID, q.Account)
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
