package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
)

var _ billing.Store = (*Store)(nil)

// IssueDocument implements billing.Store. The series' row is incremented first, which locks it
// until the transaction ends: a second process waits, then takes the next number; a build or
// insert that fails rolls the increment back with everything else.
//
// A document already issued for source is found after the lock is taken, so a second issuer
// for the same source waits for the first and then returns its document.
func (s *Store) IssueDocument(ctx context.Context, seller string, kind billing.Kind, source string, build func(seq int64) (billing.Document, error)) (billing.Document, error) {
	if seller == "" || kind == "" {
		return billing.Document{}, missingKey("billing series")
	}
	var out billing.Document
	err := s.Update(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		var seq int64
		if err := t.scanRow(ctx, `INSERT INTO billing_series (seller, kind, last) VALUES (?, ?, 1)
			ON CONFLICT (seller, kind) DO UPDATE SET last = billing_series.last + 1 RETURNING last`, []any{seller, string(kind)}, &seq); err != nil {
			return err
		}
		if source != "" {
			found, err := findDocument(ctx, t, seller, kind, source)
			if err == nil {
				out = found
				return errIssued // rolls the increment back
			}
			if !errors.Is(err, jstore.ErrNotFound) {
				return err
			}
		}
		d, err := build(seq)
		if err != nil {
			return err
		}
		n, err := t.nextSeq(ctx) // the ID sorts in the order documents are stored
		if err != nil {
			return err
		}
		d.ID, d.Seller, d.Kind, d.Source, d.Seq = billing.DocumentID(n), seller, kind, source, seq
		pdf := d.PDF
		if pdf == nil {
			pdf = []byte{}
		}
		stored := d
		stored.PDF = nil // kept in its own column
		data, err := encode(stored)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO billing_documents (id, seller, kind, seq, number, account, customer, issued_ns, total, data, pdf, sha256, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, seller, string(kind), seq, d.Number, d.Account, d.Customer, nanos(d.IssuedAt), d.Total, data, pdf, d.SHA256, source); err != nil {
			return s.d.constraint(err)
		}
		out = d
		return nil
	})
	if errors.Is(err, errIssued) {
		return out, nil
	}
	return out, err
}

// errIssued ends IssueDocument's transaction when the source's document exists already.
var errIssued = errors.New("sqlstore: the document was issued already")

// FindDocument implements billing.Store.
func (s *Store) FindDocument(ctx context.Context, seller string, kind billing.Kind, source string) (billing.Document, error) {
	var d billing.Document
	err := s.View(ctx, func(jt jstore.Tx) error {
		var err error
		d, err = findDocument(ctx, rawTx(jt), seller, kind, source)
		return err
	})
	return d, err
}

func findDocument(ctx context.Context, t *tx, seller string, kind billing.Kind, source string) (billing.Document, error) {
	var data string
	var pdf []byte
	err := t.scanRow(ctx, `SELECT data, pdf FROM billing_documents WHERE seller = ? AND kind = ? AND source = ? AND source <> ''`, []any{seller, string(kind), source}, &data, &pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return billing.Document{}, jstore.ErrNotFound
	}
	if err != nil {
		return billing.Document{}, err
	}
	d, err := decode[billing.Document](data)
	d.PDF = pdf
	return d, err
}

// GetDocument implements billing.Store.
func (s *Store) GetDocument(ctx context.Context, account jstore.AccountID, id string) (billing.Document, error) {
	var d billing.Document
	err := s.View(ctx, func(jt jstore.Tx) error {
		t := rawTx(jt)
		var data string
		var pdf []byte
		err := t.scanRow(ctx, `SELECT data, pdf FROM billing_documents WHERE id = ? AND (? = '' OR account = ?)`, []any{id, account, account}, &data, &pdf)
		if errors.Is(err, sql.ErrNoRows) {
			return jstore.ErrNotFound
		}
		if err != nil {
			return err
		}
		if d, err = decode[billing.Document](data); err != nil {
			return err
		}
		d.PDF = pdf
		return nil
	})
	return d, err
}

// SearchDocuments implements billing.Store: the conditions q sets, served by the indexes on
// (seller, issued_ns), (seller, account, issued_ns) and (seller, total); its cursor is the last
// document's issue time and ID.
func (s *Store) SearchDocuments(ctx context.Context, q billing.Query) (jstore.Page[billing.Document], error) {
	var page jstore.Page[billing.Document]
	if err := q.Check(); err != nil {
		return page, err
	}
	limit, err := q.EffectiveLimit()
	if err != nil {
		return page, err
	}
	stmt, args, err := searchStatement(q, limit)
	if err != nil {
		return page, err
	}
	err = s.View(ctx, func(jt jstore.Tx) error {
		rows, err := rawTx(jt).query(ctx, stmt, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		page.Items = nil // a backend may run this function again
		for rows.Next() {
			var data string
			var pdf []byte
			if err := rows.Scan(&data, &pdf); err != nil {
				return err
			}
			d, err := decode[billing.Document](data)
			if err != nil {
				return err
			}
			d.PDF = pdf
			page.Items = append(page.Items, d)
		}
		return rows.Err()
	})
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.Next = strconv.FormatInt(nanos(last.IssuedAt), 10) + "." + last.ID
	}
	return page, err
}

// searchStatement is the statement SearchDocuments runs for q, a page of limit and one more
// to know whether another page follows: q's conditions, those of its cursor (the last
// document's issue time and ID), and the order, oldest or (Newest) newest first, which the
// same indexes serve read backwards; the PDFs only when q asks for them.
func searchStatement(q billing.Query, limit int) (string, []any, error) {
	where, args := documentConditions(q)
	after, order := `>`, `issued_ns, id`
	if q.Newest {
		after, order = `<`, `issued_ns DESC, id DESC`
	}
	if q.Cursor != "" {
		ns, id, ok := strings.Cut(q.Cursor, ".")
		n, err := strconv.ParseInt(ns, 10, 64)
		if !ok || err != nil {
			return "", nil, &billing.Error{Code: "page_cursor"}
		}
		where += ` AND (issued_ns ` + after + ` ? OR issued_ns = ? AND id ` + after + ` ?)`
		args = append(args, n, n, id)
	}
	pdf := `NULL`
	if q.PDF {
		pdf = `pdf`
	}
	return `SELECT data, ` + pdf + ` FROM billing_documents WHERE ` + where + ` ORDER BY ` + order + ` LIMIT ?`, append(args, limit+1), nil
}

// documentConditions is q's WHERE clause without the cursor, and its arguments.
func documentConditions(q billing.Query) (string, []any) {
	where, args := `seller = ?`, []any{q.Seller}
	add := func(cond string, v ...any) { where += ` AND ` + cond; args = append(args, v...) }
	if q.Kind != "" {
		add(`kind = ?`, string(q.Kind))
	}
	if !q.From.IsZero() {
		add(`issued_ns >= ?`, nanos(q.From))
	}
	if !q.To.IsZero() {
		add(`issued_ns < ?`, nanos(q.To))
	}
	if q.HasMin {
		add(`total >= ?`, q.Min)
	}
	if q.HasMax {
		add(`total <= ?`, q.Max)
	}
	if q.Account != "" {
		add(`account = ?`, q.Account)
	}
	if q.Customer != "" {
		add(`substr(customer, 1, ?) = ?`, len([]rune(q.Customer)), q.Customer)
	}
	return where, args
}
