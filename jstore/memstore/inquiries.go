package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func (t *tx) CreateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if q.ID == "" || q.Account == "" {
		return missingKey("inquiry")
	}
	if _, ok := t.s.inquiries.rows[q.ID]; ok {
		return jstore.ErrExists
	}
	if _, ok := t.s.accounts[q.Account]; !ok {
		return jstore.ErrNotFound
	}
	q.Version = 1
	r := row[jstore.Inquiry]{seq: t.nextSeq(), account: q.Account, v: *q}
	t.s.inquiries.rows[q.ID] = r
	t.s.inquiries.list(q.Account).add(r.seq, q.ID)
	t.s.allInquiries.add(r.seq, q.ID)
	t.undo = append(t.undo, func() {
		delete(t.s.inquiries.rows, r.v.ID)
		t.s.inquiries.list(r.account).remove(r.seq)
		t.s.allInquiries.remove(r.seq)
	})
	return nil
}

func (t *tx) GetInquiry(ctx context.Context, account jstore.AccountID, id jstore.InquiryID) (jstore.Inquiry, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Inquiry{}, err
	}
	r, ok := t.s.inquiries.get(account, id)
	if !ok {
		return jstore.Inquiry{}, jstore.ErrNotFound
	}
	return r.v, nil
}

func (t *tx) GetInquiryByID(ctx context.Context, id jstore.InquiryID) (jstore.Inquiry, error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Inquiry{}, err
	}
	r, ok := t.s.inquiries.rows[id]
	if !ok {
		return jstore.Inquiry{}, jstore.ErrNotFound
	}
	return r.v, nil
}

func (t *tx) UpdateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	old, ok := t.s.inquiries.get(q.Account, q.ID)
	if !ok {
		return jstore.ErrNotFound
	}
	if old.v.Version != q.Version {
		return jstore.ErrConflict
	}
	q.Version++
	r := old
	r.v = *q
	t.s.inquiries.rows[q.ID] = r
	t.undo = append(t.undo, func() { t.s.inquiries.rows[old.v.ID] = old })
	return nil
}

func (t *tx) ListInquiries(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Inquiry]{}, err
	}
	return t.inquiryPage(t.s.inquiries.view(account), "", opts)
}

func (t *tx) ListAllInquiries(ctx context.Context, status jstore.InquiryStatus, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Inquiry]{}, err
	}
	return t.inquiryPage(t.s.allInquiries, status, opts)
}

// inquiryPage pages keys, keeping only inquiries with status when it is set. A filtered page
// may hold fewer than Limit items while Next is set; callers follow Next to the end.
func (t *tx) inquiryPage(keys ordered[jstore.InquiryID], status jstore.InquiryStatus, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	ids, next, err := keys.page(opts)
	if err != nil {
		return jstore.Page[jstore.Inquiry]{}, err
	}
	items := make([]jstore.Inquiry, 0, len(ids))
	for _, id := range ids {
		q := t.s.inquiries.rows[id].v
		if status == "" || q.Status == status {
			items = append(items, q)
		}
	}
	return jstore.Page[jstore.Inquiry]{Items: items, Next: next}, nil
}
