package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/jstore-sdk/sdk/jstore"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is what differs between the two databases.
type dialect struct {
	name string
	// constraint maps a violated constraint to the contract's error: a taken key is
	// ErrExists, a missing account ErrNotFound; other errors come back as they are.
	constraint func(error) error
	nextSeq    string // returns the next creation sequence number
	writeTx    *sql.TxOptions
	readTx     *sql.TxOptions
	numbered   bool // placeholders are $1, $2… rather than ?
	retryable  func(error) bool
	// connLost reports an error of the connection rather than of the transaction: the server
	// ended it (restart, pg_terminate_backend) or the network dropped it. Before the commit
	// was sent, running the whole transaction again on a fresh connection is safe.
	connLost func(error) bool
	// batches reads and writes a batch of applications in one statement each (an IN list, an
	// UPDATE … FROM (VALUES …)): a round trip saved per application on a server, dearer than
	// separate statements in process.
	batches bool
	// greatest is the function that returns the larger of its arguments.
	greatest string
}

var postgres = dialect{
	name:     "postgres",
	greatest: "GREATEST",
	nextSeq:  `SELECT nextval('jstore_seq')`,
	writeTx:  &sql.TxOptions{Isolation: sql.LevelSerializable},
	// A read-only transaction sees one snapshot; SERIALIZABLE's predicate locks would cost it
	// more than its queries and protect nothing a reader can break.
	readTx:   &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	numbered: true,
	batches:  true,
	retryable: func(err error) bool {
		var pe *pgconn.PgError
		// serialization_failure, deadlock_detected
		return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
	},
	connLost: pgConnLost,
	constraint: func(err error) error {
		var pe *pgconn.PgError
		switch {
		case !errors.As(err, &pe):
			return err
		case pe.Code == "23505": // unique_violation
			return jstore.ErrExists
		case pe.Code == "23503": // foreign_key_violation
			return jstore.ErrNotFound
		}
		return err
	},
}

var sqliteDialect = dialect{
	name:     "sqlite",
	greatest: "max",
	nextSeq:  `UPDATE jstore_seq SET value = value + 1 RETURNING value`,
	writeTx:  &sql.TxOptions{},
	readTx:   &sql.TxOptions{},
	connLost: func(error) bool { return false }, // a file has no connection to lose
	retryable: func(err error) bool {
		var se *sqlite.Error
		if !errors.As(err, &se) {
			return false
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
		return false
	},
	constraint: func(err error) error {
		var se *sqlite.Error
		switch {
		case !errors.As(err, &se):
			return err
		case se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return jstore.ErrExists
		case se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return jstore.ErrNotFound
		}
		return err
	},
}

// pgConnLost reports the errors of a lost PostgreSQL connection: SQLSTATE class 08
// (connection exception) and 57P01–57P03 (the server shut the session down or is starting),
// a connection pgx already knows to be closed, and the network's own errors.
func pgConnLost(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ne net.Error
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.As(err, &ne) || pgconn.SafeToRetry(err) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// bind turns ? placeholders into the dialect's. The statements are this package's own and
// hold no literal question mark.
func (d dialect) bind(query string) string {
	if !d.numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
