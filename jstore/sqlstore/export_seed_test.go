package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

// SeedCertificates bulk-loads accounts and certificates straight into the tables, as the
// benchmarks need a million rows and the Store's one-record writes would take minutes: the
// same columns and JSON the Store writes, subscription ends spread over two years around at,
// about an eighth renewable at at.
func SeedCertificates(ctx context.Context, s *Store, accounts, certs int, at time.Time) error {
	const batch = 500
	insert := func(table string, cols []string, rows [][]any) error {
		if len(rows) == 0 {
			return nil
		}
		var b strings.Builder
		args := make([]any, 0, len(rows)*len(cols))
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		for i, r := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")")
			args = append(args, r...)
		}
		_, err := s.db.ExecContext(ctx, s.d.bind(b.String()), args...)
		return err
	}
	var rows [][]any
	for i := range accounts {
		a := jstore.Account{ID: jstore.AccountID(fmt.Sprintf("acc%06d", i)), LoginID: fmt.Sprintf("login%06d", i), Version: 1}
		data, err := encode(a)
		if err != nil {
			return err
		}
		rows = append(rows, []any{a.ID, jstore.LoginKey(a.LoginID), int64(i + 1), 1, data})
		if len(rows) == batch {
			if err := insert("accounts", []string{"id", "login_key", "seq", "version", "data"}, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	if err := insert("accounts", []string{"id", "login_key", "seq", "version", "data"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	base := at.Add(-365 * 24 * time.Hour)
	cols := []string{"id", "account", "seq", "version", "renewable_end", "reissue_due", "deploy_due", "deploy_behind", "served_other", "data"}
	for i := range certs {
		end := base.Add(time.Duration(i*7919%730) * 24 * time.Hour)
		c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt%08d", i)), Account: jstore.AccountID(fmt.Sprintf("acc%06d", i%accounts)),
			Status: jstore.CertIssued, CommonName: "www.example.jp", NotBefore: end.Add(-90 * 24 * time.Hour), NotAfter: end, SubscriptionEnd: end, Version: 1}
		data, err := encode(c)
		if err != nil {
			return err
		}
		x := certColumns(c)
		rows = append(rows, []any{c.ID, c.Account, int64(accounts + i + 1), 1, x.renewableEnd, x.reissueDue, x.deployDue, x.deployBehind, x.servedOther, data})
		if len(rows) == batch {
			if err := insert("certificates", cols, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	if err := insert("certificates", cols, rows); err != nil {
		return err
	}
	setSeq := `UPDATE jstore_seq SET value = ?`
	if s.d.name == "postgres" {
		setSeq = `SELECT setval('jstore_seq', ?)`
	}
	if _, err := s.db.ExecContext(ctx, s.d.bind(setSeq), int64(accounts+certs+1)); err != nil {
		return err
	}
	if s.d.name != "postgres" {
		// SQLite re-prepares a statement whose range parameters statistics could plan
		// differently; without ANALYZE's statistics the indexes serve as they are.
		return nil
	}
	_, err := s.db.ExecContext(ctx, `ANALYZE`)
	return err
}

// SeedDocuments inserts n invoices of seller in one statement, spread over accounts accounts
// (acc000000…) and issued a minute apart from at, each with total i mod 100,000: the billing
// archive at scale, for benchmarks.
func SeedDocuments(ctx context.Context, s *Store, seller string, accounts, n int, at time.Time) error {
	_, err := s.db.ExecContext(ctx, s.d.bind(`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ?)
		INSERT INTO billing_documents (id, seller, kind, seq, number, account, customer, issued_ns, total, data, pdf, sha256)
		SELECT 'doc' || CAST(i AS TEXT), ?, 'invoice', i, 'INV-' || CAST(i AS TEXT), 'acc' || LPAD(CAST(i % ? AS TEXT), 6, '0'),
			'Customer ' || CAST(i % ? AS TEXT), ? + i * 60000000000, i % 100000,
			'{"ID":"doc' || CAST(i AS TEXT) || '","Seller":"' || ? || '","Kind":"invoice","Seq":' || CAST(i AS TEXT) || ',"Total":' || CAST(i % 100000 AS TEXT) || '}',
			?, ''
		FROM g`), n, seller, accounts, accounts, nanos(at), seller, []byte{})
	return err
}
