package memstore

import (
	"context"

	"github.com/jstore-sdk/sdk/jstore"
)

func (t *tx) AppendEvent(ctx context.Context, e *jstore.Event) error {
	if err := t.check(ctx, true); err != nil {
		return err
	}
	if e.Account == "" || e.Type == "" {
		return missingKey("event")
	}
	e.Seq = t.nextSeq()
	acct := e.Account
	t.s.events[acct] = append(t.s.events[acct], cloneEvent(*e))
	pos := len(t.s.events[acct]) - 1
	var key certKey
	if e.Certificate != "" {
		key = certKey{acct, e.Certificate}
		t.s.certEvents[key] = append(t.s.certEvents[key], pos)
	}
	t.undo = append(t.undo, func() {
		t.s.events[acct] = t.s.events[acct][:pos]
		if key.cert != "" {
			l := t.s.certEvents[key]
			t.s.certEvents[key] = l[:len(l)-1]
		}
	})
	return nil
}

func (t *tx) ListEvents(ctx context.Context, account jstore.AccountID, cert jstore.CertificateID, opts jstore.ListOptions) (jstore.Page[jstore.Event], error) {
	if err := t.check(ctx, false); err != nil {
		return jstore.Page[jstore.Event]{}, err
	}
	all := t.s.events[account]
	var positions []int
	if cert != "" {
		positions = t.s.certEvents[certKey{account, cert}]
	}
	n := len(all)
	if cert != "" {
		n = len(positions)
	}
	at := func(i int) jstore.Event {
		if cert != "" {
			return all[positions[i]]
		}
		return all[i]
	}
	i, end, next, err := window(n, func(i int) int64 { return at(i).Seq }, opts)
	if err != nil {
		return jstore.Page[jstore.Event]{}, err
	}
	items := make([]jstore.Event, 0, end-i)
	for j := i; j < end; j++ {
		items = append(items, cloneEvent(at(j)))
	}
	return jstore.Page[jstore.Event]{Items: items, Next: next}, nil
}
