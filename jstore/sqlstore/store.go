package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"github.com/jstore-sdk/sdk/jstore"
)

// Store is a jstore.Store on a SQL database. It is safe for concurrent use, by any number of
// processes sharing the database.
type Store struct {
	db *sql.DB // writes; and reads, on PostgreSQL
	rd *sql.DB // reads on SQLite: deferred transactions, which take no write lock
	d  dialect
	// stmts caches prepared statements by pool and text: parsing a statement costs SQLite more
	// than running a counter on its index.
	stmts sync.Map // stmtKey → *sql.Stmt
	// writer, on SQLite, lets one write transaction of this process run at a time. SQLite has
	// one writer anyway; without it the others wait in SQLite's busy handler, which sleeps 1 ms,
	// then 2, 5, 10… between tries, and four Sync workers spent more time asleep than writing.
	writer chan struct{}
}

type stmtKey struct {
	db    *sql.DB
	query string
}

// prepared returns the statement q prepared on db, preparing it once.
func (s *Store) prepared(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	k := stmtKey{db, q}
	if st, ok := s.stmts.Load(k); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(k, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

var (
	_ jstore.Store  = (*Store)(nil)
	_ jstore.Leaser = (*Store)(nil)
)

// maxAttempts bounds how often a transaction the database could not serialise is run; the
// waits between runs are random, up to a cap that doubles, so that many writers of one row
// spread out rather than collide again. A lost connection is tried again fewer times: each
// try takes one dead connection out of the pool (pgx pings only a connection idle for a
// second, so the ones used just before a restart fail once each) or waits for a restarting
// server.
const (
	maxAttempts     = 40
	maxConnAttempts = 12
	maxBackoff      = 100 * time.Millisecond
	maxConnBackoff  = 500 * time.Millisecond
)

// OpenPostgres connects to PostgreSQL (a pgx connection string or URL) and migrates the schema.
func OpenPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	return open(ctx, db, postgres)
}

// OpenSQLite opens (creating it if missing) the SQLite database at path, in WAL mode with a
// five-second busy timeout, and migrates the schema.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlstore: OpenSQLite: empty path")
	}
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	q.Set("_txlock", "deferred")
	rd, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	s, err := open(ctx, db, sqliteDialect)
	if err != nil {
		rd.Close()
		return nil, err
	}
	s.rd = rd
	s.writer = make(chan struct{}, 1)
	return s, nil
}

func open(ctx context.Context, db *sql.DB, d dialect) (*Store, error) {
	s := &Store{db: db, rd: db, d: d}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: connect: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// DB is the connection pool, for its settings (SetMaxOpenConns…) and for health checks.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the pool.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	if s.rd != s.db {
		s.rd.Close()
	}
	return s.db.Close()
}

// Update runs fn in a read-write transaction, again from the start when the database could not
// serialise it (at most 40 times) or the connection was lost before the commit (on a fresh
// connection, at most 12 times). A connection that stays lost is a *jstore.StoreError
// (jstore.ErrStoreUnavailable), and so is one lost during the commit, whose outcome is unknown.
func (s *Store) Update(ctx context.Context, fn func(tx jstore.Tx) error) error {
	return s.run(ctx, false, fn)
}

// View runs fn in a read-only transaction, again on a fresh connection when the connection was
// lost, as Update does.
func (s *Store) View(ctx context.Context, fn func(tx jstore.Tx) error) error {
	return s.run(ctx, true, fn)
}

func (s *Store) run(ctx context.Context, readOnly bool, fn func(tx jstore.Tx) error) error {
	lostCount := 0
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		lost, err := s.once(ctx, readOnly, fn)
		var wait time.Duration
		switch {
		case err == nil:
			return nil
		case lost && ctx.Err() == nil:
			if lostCount++; lostCount >= maxConnAttempts {
				return &jstore.StoreError{Attempts: lostCount, Err: err}
			}
			wait = backoff(lostCount, maxConnBackoff)
		case s.d.retryable(err) && attempt < maxAttempts:
			wait = backoff(attempt, maxBackoff)
		default:
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// backoff is a random wait under a cap that doubles with each attempt, up to most.
func backoff(attempt int, most time.Duration) time.Duration {
	return time.Duration(rand.Int64N(int64(min(most, time.Millisecond<<min(attempt, 10))) + 1))
}

// oneWriter waits for this process's turn to write, on SQLite; release ends it.
func (s *Store) oneWriter(ctx context.Context) (release func(), err error) {
	if s.writer == nil {
		return func() {}, nil
	}
	select {
	case s.writer <- struct{}{}:
		return func() { <-s.writer }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// once runs fn in one transaction. lost reports that the transaction's connection is gone
// before a commit was sent: it failed to begin, or fn failed on a connection error and the
// transaction cannot even be rolled back. Nothing of it was written, so it can run again.
func (s *Store) once(ctx context.Context, readOnly bool, fn func(tx jstore.Tx) error) (lost bool, err error) {
	db, opts := s.db, s.d.writeTx
	if readOnly {
		db, opts = s.rd, s.d.readTx
	} else {
		release, err := s.oneWriter(ctx)
		if err != nil {
			return false, err
		}
		defer release()
	}
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return s.d.connLost(err), err
	}
	t := &tx{s: s, tx: sqlTx, db: db, readOnly: readOnly}
	defer func() { t.done = true }()
	fail := func(err error) (bool, error) {
		rbErr := sqlTx.Rollback()
		return s.d.connLost(err) && rbErr != nil && s.d.connLost(rbErr), err
	}
	var jt jstore.Tx = t
	if s.d.batches {
		jt = batchTx{t}
	}
	if err := fn(jt); err != nil {
		return fail(err)
	}
	if t.spoiled != nil {
		return fail(t.spoiled)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if err := sqlTx.Commit(); err != nil {
		if s.d.connLost(err) {
			// The commit may have reached the server before the connection went: running the
			// transaction again could do its work twice.
			return false, &jstore.StoreError{Attempts: 1, OutcomeUnknown: true, Err: err}
		}
		return false, err
	}
	return false, nil
}
