// Package memstore is the in-memory [jstore.Store]: the reference backend, for tests, demos and
// single-process panels that need no persistence.
//
// # Transactions
//
// Update holds a write lock for the whole transaction and keeps an undo log, so a failing
// transaction is rolled back in O(changes). View holds a read lock. Records are copied in and out,
// so callers can never alias stored slices or maps.
//
// # Indexes
//
// Each account keeps its records in creation order (for cursor paging), a count of open cart
// items, and the subscription ends of its renewable certificates sorted for binary search, so
// the dashboard counters cost O(log n) in the account's certificates and nothing in the others.
package memstore
