package sqlstore_test

import (
	"bytes"
	"database/sql"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/message"
)

// terminate ends every server session of the store's connections (pg_terminate_backend, as
// a restart or an operator would) and waits until they are gone.
func terminate(t *testing.T, admin *sql.DB, appName, state string) int {
	t.Helper()
	var killed int
	require.NoError(t, admin.QueryRowContext(t.Context(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = $1 AND ($2 = '' OR state = $2)`, appName, state).Scan(&killed))
	require.Eventually(t, func() bool {
		var left int
		require.NoError(t, admin.QueryRowContext(t.Context(), `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND ($2 = '' OR state = $2)`, appName, state).Scan(&left))
		return left == 0
	}, 5*time.Second, 5*time.Millisecond)
	return killed
}

// runKilled runs a transaction that writes the accounts first and second, and between the two
// has the server end the transaction's connection: in its first run only, or in every run. It
// returns how often the transaction ran, and its error.
func runKilled(t *testing.T, st *sqlstore.Store, first, second string, every bool) (int, error) {
	t.Helper()
	admin, name := adminAndName(t, st)
	runs := 0
	err := st.Update(t.Context(), func(tx jstore.Tx) error {
		runs++
		a := account(first)
		if err := tx.CreateAccount(t.Context(), &a); err != nil {
			return err
		}
		if every || runs == 1 {
			// The transaction's own connection is the store's one idle in a transaction.
			require.Equal(t, 1, terminate(t, admin, name, "idle in transaction"))
		}
		b := account(second)
		return tx.CreateAccount(t.Context(), &b)
	})
	return runs, err
}

func adminAndName(t *testing.T, st *sqlstore.Store) (*sql.DB, string) {
	t.Helper()
	u, err := url.Parse(schemaDSN(t, st))
	require.NoError(t, err)
	admin, err := sql.Open("pgx", postgresDSN(t))
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	return admin, u.Query().Get("application_name")
}

// TestTerminatedConnectionsAreReplaced: right after the server ends every pooled connection,
// each of ten immediate calls works: the transaction runs again on a fresh connection.
func TestTerminatedConnectionsAreReplaced(t *testing.T) {
	t.Parallel()
	st := openPostgres(t, postgresDSN(t))
	admin, name := adminAndName(t, st)
	const pool = 4
	st.DB().SetMaxIdleConns(pool)
	// Four transactions at once, twice, so that four connections were used within the last
	// second: pgx does not ping those before handing them out again.
	for range 2 {
		var wg sync.WaitGroup
		inside := make(chan struct{}, pool)
		release := make(chan struct{})
		for i := range pool {
			wg.Go(func() {
				assert.NoError(t, st.Update(t.Context(), func(tx jstore.Tx) error {
					a := account("warm-" + string(rune('a'+i)) + time.Now().Format("150405.000000000"))
					if err := tx.CreateAccount(t.Context(), &a); err != nil {
						return err
					}
					inside <- struct{}{}
					<-release
					return nil
				}))
			})
		}
		for range pool {
			<-inside
		}
		close(release)
		wg.Wait()
	}
	require.Equal(t, pool, terminate(t, admin, name, ""))
	for i := range 10 {
		id := "after-restart-" + string(rune('a'+i))
		require.NoError(t, st.Update(t.Context(), func(tx jstore.Tx) error {
			a := account(id)
			return tx.CreateAccount(t.Context(), &a)
		}), "call %d", i)
		assert.True(t, accountExists(t, st, id))
	}
}

// TestConnectionThatStaysLost: a connection ended in the middle of every run of a transaction
// is tried a bounded number of times, then comes back as a *jstore.StoreError worded in both
// languages, with nothing written.
func TestConnectionThatStaysLost(t *testing.T) {
	t.Parallel()
	st := openPostgres(t, postgresDSN(t))
	runs, err := runKilled(t, st, "never", "never-either", true)
	var se *jstore.StoreError
	require.ErrorAs(t, err, &se)
	assert.ErrorIs(t, err, jstore.ErrStoreUnavailable)
	assert.False(t, se.OutcomeUnknown)
	assert.Equal(t, runs, se.Attempts)
	assert.Greater(t, runs, 1, "tried again on a fresh connection")
	assert.LessOrEqual(t, runs, 12, "a bounded number of times")
	assert.Equal(t, "データベースに接続できません。しばらくしてからもう一度お試しください。", jstore.ErrorMessage(err, message.Japanese))
	assert.Equal(t, "the database is unavailable; try again later", jstore.ErrorMessage(err, message.English))
	assert.False(t, accountExists(t, st, "never"))
	assert.False(t, accountExists(t, st, "never-either"))
}

// TestConnectionLostAtCommit: a connection that drops as the commit is sent may have
// committed; the transaction is not run again, and the error says the outcome is unknown.
func TestConnectionLostAtCommit(t *testing.T) {
	t.Parallel()
	dsn := postgresDSN(t)
	st := openPostgres(t, dsn)
	u, err := url.Parse(schemaDSN(t, st))
	require.NoError(t, err)
	proxy := newCommitDropper(t, u.Host)
	u.Host = proxy.addr
	through, err := sqlstore.OpenPostgres(t.Context(), u.String())
	require.NoError(t, err)
	t.Cleanup(func() { through.Close() })

	runs := 0
	proxy.armed.Store(true)
	err = through.Update(t.Context(), func(tx jstore.Tx) error {
		runs++
		a := account("maybe")
		return tx.CreateAccount(t.Context(), &a)
	})
	var se *jstore.StoreError
	require.ErrorAs(t, err, &se)
	assert.True(t, se.OutcomeUnknown)
	assert.Equal(t, 1, runs, "a commit that may have happened is not repeated")
	assert.Contains(t, jstore.ErrorMessage(err, message.Japanese), "保存されたかどうか")
	assert.False(t, accountExists(t, st, "maybe"), "the proxy never forwarded the commit")
}

// commitDropper forwards PostgreSQL's protocol between the store and the server, and once
// armed, closes both sides instead of forwarding a message that commits.
type commitDropper struct {
	addr  string
	armed atomic.Bool
}

func newCommitDropper(t *testing.T, server string) *commitDropper {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	p := &commitDropper{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c, server)
		}
	}()
	return p
}

func (p *commitDropper) serve(client net.Conn, server string) {
	defer client.Close()
	up, err := net.Dial("tcp", server)
	if err != nil {
		return
	}
	defer up.Close()
	go func() { _, _ = io.Copy(client, up) }()
	buf := make([]byte, 32<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 && p.armed.Load() && bytes.Contains(bytes.ToLower(buf[:n]), []byte("commit\x00")) {
			p.armed.Store(false)
			return
		}
		if n > 0 {
			if _, werr := up.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
