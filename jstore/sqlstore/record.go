package sqlstore

import "context"

// create stores a new record: v at Version 1, with its creation sequence. insert's arguments
// come from args, given the sequence and the record's JSON.
func create[T any](ctx context.Context, t *tx, v *T, setVersion func(*T, int64), insert string, args func(seq int64, data string) []any) error {
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	stored := *v
	setVersion(&stored, 1)
	data, err := encode(stored)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, insert, args(seq, data)...); err != nil {
		return t.s.d.constraint(err)
	}
	setVersion(v, 1)
	return nil
}

// update replaces a record whose stored version is version with v at version+1. stmt's
// arguments come from args, given the record's JSON and the new version, and must end with the
// record's key, account and old version; exists finds the record by key and account, to tell a
// stale version (ErrConflict) from a missing record (ErrNotFound).
func update[T any](ctx context.Context, t *tx, v *T, version int64, setVersion func(*T, int64), stmt string, args func(data string, next int64) []any, exists string, key ...any) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	stored := *v
	setVersion(&stored, version+1)
	data, err := encode(stored)
	if err != nil {
		return err
	}
	n, err := t.exec(ctx, stmt, args(data, version+1)...)
	if err != nil {
		return t.s.d.constraint(err)
	}
	if err := t.updated(ctx, n, exists, key...); err != nil {
		return err
	}
	setVersion(v, version+1)
	return nil
}
