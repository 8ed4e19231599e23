package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
)

var (
	errReadOnly = errors.New("sqlstore: write in a read-only transaction")
	errTxDone   = errors.New("sqlstore: transaction used after it ended")
)

// tx is one transaction.
type tx struct {
	s        *Store
	tx       *sql.Tx
	db       *sql.DB // the pool tx came from, whose prepared statements it uses
	readOnly bool
	done     bool
	spoiled  error // a partial batch write: the transaction can only be rolled back
}

// stmt is q, bound for the dialect and prepared, in this transaction.
func (t *tx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	st, err := t.s.prepared(ctx, t.db, t.s.d.bind(q))
	if err != nil {
		return nil, err
	}
	return t.tx.StmtContext(ctx, st), nil
}

func (t *tx) check(ctx context.Context, write bool) error {
	if t.done {
		return errTxDone
	}
	if t.spoiled != nil {
		return t.spoiled
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if write && t.readOnly {
		return errReadOnly
	}
	return nil
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	st, err := t.stmt(ctx, q)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// scanRow runs a one-row query into dest; no row is sql.ErrNoRows.
func (t *tx) scanRow(ctx context.Context, q string, args []any, dest ...any) error {
	st, err := t.stmt(ctx, q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (t *tx) nextSeq(ctx context.Context) (int64, error) {
	var n int64
	err := t.scanRow(ctx, t.s.d.nextSeq, nil, &n)
	return n, err
}

// exists reports whether a query finds a row.
func (t *tx) exists(ctx context.Context, q string, args ...any) (bool, error) {
	var one int
	err := t.scanRow(ctx, q, args, &one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// getRecord reads one record's data and version; no row is ErrNotFound.
func getRecord[T any](ctx context.Context, t *tx, setVersion func(*T, int64), q string, args ...any) (T, error) {
	var v T
	if err := t.check(ctx, false); err != nil {
		return v, err
	}
	var data string
	var version int64
	err := t.scanRow(ctx, q, args, &data, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return v, jstore.ErrNotFound
	}
	if err != nil {
		return v, err
	}
	if v, err = decode[T](data); err != nil {
		return v, err
	}
	setVersion(&v, version)
	return v, nil
}

func decode[T any](data string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(data), &v)
	return v, err
}

// listPage pages records in creation order: q selects seq, data and version, has its filter
// conditions, and is completed here with the cursor, the order and the limit.
// listRecords runs a query of data and version columns and decodes every row.
func listRecords[T any](ctx context.Context, t *tx, setVersion func(*T, int64), q string, args ...any) ([]T, error) {
	if err := t.check(ctx, false); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var data string
		var version int64
		if err := rows.Scan(&data, &version); err != nil {
			return nil, err
		}
		v, err := decode[T](data)
		if err != nil {
			return nil, err
		}
		setVersion(&v, version)
		out = append(out, v)
	}
	return out, rows.Err()
}

func listPage[T any](ctx context.Context, t *tx, opts jstore.ListOptions, setVersion func(*T, int64), q string, args ...any) (jstore.Page[T], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[T]{}, err
	}
	limit, err := opts.EffectiveLimit()
	if err != nil {
		return jstore.Page[T]{}, err
	}
	after, err := opts.SeqCursor()
	if err != nil {
		return jstore.Page[T]{}, err
	}
	rows, err := t.query(ctx, q+` AND seq > ? ORDER BY seq LIMIT ?`, append(args, after, limit+1)...)
	if err != nil {
		return jstore.Page[T]{}, err
	}
	defer rows.Close()
	var p jstore.Page[T]
	var seqs []int64
	for rows.Next() {
		var seq, version int64
		var data string
		if err := rows.Scan(&seq, &data, &version); err != nil {
			return jstore.Page[T]{}, err
		}
		v, err := decode[T](data)
		if err != nil {
			return jstore.Page[T]{}, err
		}
		setVersion(&v, version)
		p.Items = append(p.Items, v)
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return jstore.Page[T]{}, err
	}
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		p.Next = formatSeq(seqs[limit-1])
	}
	return p, nil
}

func formatSeq(n int64) string { return strconv.FormatInt(n, 10) }

func encode(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// nanos maps an instant to a sortable integer, saturating outside the years 1678 to 2262.
func nanos(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// updated turns an UPDATE's row count into the contract's errors: none changed is ErrConflict
// when the record exists (a stale version), ErrNotFound when it does not (or is another
// account's).
func (t *tx) updated(ctx context.Context, n int64, existsQ string, args ...any) error {
	if n == 1 {
		return nil
	}
	ok, err := t.exists(ctx, existsQ, args...)
	switch {
	case err != nil:
		return err
	case ok:
		return jstore.ErrConflict
	}
	return jstore.ErrNotFound
}

func missingKey(what string) error {
	return &jstore.ValidationError{Problems: []jstore.Problem{jstore.NewProblem("store_key", what)}}
}
