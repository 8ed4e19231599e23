// Package sqlstore is a [jstore.Store] on database/sql: PostgreSQL through pgx's stdlib driver
// for panels on several machines, SQLite through modernc.org/sqlite (pure Go, no cgo) for one.
//
// # Opening
//
//	st, err := sqlstore.OpenPostgres(ctx, "postgres://jstore@db.internal/jstore?sslmode=verify-full")
//	st, err := sqlstore.OpenSQLite(ctx, "/var/lib/panel/jstore.db")
//	defer st.Close()
//
// Opening applies the embedded, versioned migrations the database lacks, in one transaction
// each; on PostgreSQL an advisory lock makes processes that start together take turns. The
// pool is database/sql's: tune it with DB().SetMaxOpenConns and the like.
//
// # Transactions
//
// PostgreSQL runs every Update at SERIALIZABLE isolation and retries, a bounded number of
// times, a transaction the database could not serialise or that met a deadlock; a View reads
// one snapshot (REPEATABLE READ, read-only). SQLite runs in WAL mode with a busy timeout, one
// writer at a time (BEGIN IMMEDIATE), readers on a pool of their own. Either way the behaviour
// is the reference store's, which the storetest suite checks.
//
// # Storage
//
// Each record is kept whole as JSON beside the columns its queries and counters read (account,
// creation sequence, version, status, cart flag, CA order, renewable end, reissue due), each
// with the index that query needs. [Store] is a [jstore.Leaser].
package sqlstore
