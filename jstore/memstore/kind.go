package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

// kind describes one account-scoped record type to the generic operations below, which every
// record but the account shares: create, get, update, delete and list, each checking the
// transaction, scoping by account, checking versions, copying at the boundary and logging its
// undo. set moves a row and the record's indexes from one state to another (nil: absent), and
// set(to, from) undoes set(from, to).
type kind[K comparable, V any] struct {
	name    string
	tbl     func(*Store) *table[K, V]
	key     func(*V) K
	account func(*V) jstore.AccountID
	version func(*V) *int64
	clone   func(V) V
	set     func(t *tx, from, to *row[V])
}

func (k kind[K, V]) create(ctx context.Context, t *tx, v *V) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	id, account := k.key(v), k.account(v)
	var zero K
	if id == zero || account == "" {
		return missingKey(k.name)
	}
	if _, ok := k.tbl(t.s).rows[id]; ok {
		return jstore.ErrExists
	}
	if _, ok := t.s.accounts[account]; !ok {
		return jstore.ErrNotFound
	}
	*k.version(v) = 1
	r := row[V]{seq: t.nextSeq(), account: account, v: k.clone(*v)}
	k.set(t, nil, &r)
	t.undo = append(t.undo, func() { k.set(t, &r, nil) })
	return nil
}

func (k kind[K, V]) get(ctx context.Context, t *tx, account jstore.AccountID, id K) (V, error) {
	var zero V
	if err := t.check(ctx, false); err != nil {
		return zero, err
	}
	r, ok := k.tbl(t.s).get(account, id)
	if !ok {
		return zero, jstore.ErrNotFound
	}
	return k.clone(r.v), nil
}

func (k kind[K, V]) update(ctx context.Context, t *tx, v *V) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	old, ok := k.tbl(t.s).get(k.account(v), k.key(v))
	if !ok {
		return jstore.ErrNotFound
	}
	if *k.version(&old.v) != *k.version(v) {
		return jstore.ErrConflict
	}
	*k.version(v)++
	r := row[V]{seq: old.seq, account: old.account, v: k.clone(*v)}
	k.set(t, &old, &r)
	t.undo = append(t.undo, func() { k.set(t, &r, &old) })
	return nil
}

func (k kind[K, V]) delete(ctx context.Context, t *tx, account jstore.AccountID, id K, version int64) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	old, ok := k.tbl(t.s).get(account, id)
	if !ok {
		return jstore.ErrNotFound
	}
	if *k.version(&old.v) != version {
		return jstore.ErrConflict
	}
	k.set(t, &old, nil)
	t.undo = append(t.undo, func() { k.set(t, nil, &old) })
	return nil
}

func (k kind[K, V]) list(ctx context.Context, t *tx, account jstore.AccountID, opts jstore.ListOptions) (jstore.Page[V], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[V]{}, err
	}
	tbl := k.tbl(t.s)
	keys, next, err := tbl.view(account).page(opts)
	if err != nil {
		return jstore.Page[V]{}, err
	}
	items := make([]V, len(keys))
	for i, id := range keys {
		items[i] = k.clone(tbl.rows[id].v)
	}
	return jstore.Page[V]{Items: items, Next: next}, nil
}

// setRow moves a row between states in its table and the account's creation-order list; the
// records without other indexes use it as their set.
func setRow[K comparable, V any](tbl *table[K, V], key func(*V) K, from, to *row[V]) {
	if from != nil {
		delete(tbl.rows, key(&from.v))
		if to == nil {
			tbl.list(from.account).remove(from.seq)
		}
	}
	if to != nil {
		tbl.rows[key(&to.v)] = *to
		if from == nil {
			tbl.list(to.account).insert(to.seq, key(&to.v))
		}
	}
}
