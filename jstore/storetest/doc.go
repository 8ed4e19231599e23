// Package storetest is the conformance suite of [jstore.Store]. Every backend runs it:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) jstore.Store { return memstore.New() })
//	}
//
// It checks every method of [jstore.Tx]: account scoping (another tenant's record is
// ErrNotFound and stays unchanged), optimistic versions (a stale write is ErrConflict),
// atomic transactions (a failing one leaves nothing), read-only views, cursor paging that
// neither skips nor repeats under concurrent inserts, the counters against a brute-force count,
// concurrent writers (run it under -race) and cancelled contexts. newStore must return an empty
// store each time.
package storetest
