package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

// inquiries describes inquiries to the generic operations; every inquiry is also in the list
// staff read across accounts.
func inquiries() kind[jstore.InquiryID, jstore.Inquiry] {
	key := func(q *jstore.Inquiry) jstore.InquiryID { return q.ID }
	return kind[jstore.InquiryID, jstore.Inquiry]{
		name:    "inquiry",
		tbl:     func(s *Store) *table[jstore.InquiryID, jstore.Inquiry] { return &s.inquiries },
		key:     key,
		account: func(q *jstore.Inquiry) jstore.AccountID { return q.Account },
		version: func(q *jstore.Inquiry) *int64 { return &q.Version },
		clone:   func(q jstore.Inquiry) jstore.Inquiry { return q },
		set: func(t *tx, from, to *row[jstore.Inquiry]) {
			setRow(&t.s.inquiries, key, from, to)
			switch {
			case from == nil && to != nil:
				t.s.allInquiries.insert(to.seq, to.v.ID)
			case from != nil && to == nil:
				t.s.allInquiries.remove(from.seq)
			}
		},
	}
}

func (t *tx) CreateInquiry(ctx context.Context, q *jstore.Inquiry) error {
	return inquiries().create(ctx, t, q)
}

func (t *tx) GetInquiry(ctx context.Context, account jstore.AccountID, id jstore.InquiryID) (jstore.Inquiry, error) {
	return inquiries().get(ctx, t, account, id)
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
	return inquiries().update(ctx, t, q)
}

func (t *tx) ListInquiries(ctx context.Context, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[jstore.Inquiry], error) {
	return inquiries().list(ctx, t, account, opts)
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
