package sqlstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/jstore/storetest"
)

func TestSQLiteConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) jstore.Store { return openSQLite(t) })
}

func TestPostgresConformance(t *testing.T) {
	t.Parallel()
	dsn := postgresDSN(t)
	storetest.Run(t, func(t *testing.T) jstore.Store { return openPostgres(t, dsn) })
}

func openSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "jstore.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// postgresDSN is the test database's address from JSTORE_TEST_POSTGRES_DSN. Without it the
// test skips, naming the variable, except under JSTORE_REQUIRE_INTEGRATION=1 (CI), where it
// fails.
func postgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("JSTORE_TEST_POSTGRES_DSN")
	if dsn != "" {
		return dsn
	}
	testkit.Missing(t, "set JSTORE_TEST_POSTGRES_DSN to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable (Debian: postgresql) to run the PostgreSQL tests")
	return ""
}

// openPostgres opens a store in a schema of its own, dropped when the test ends, so tests run
// in parallel and leave nothing behind.
func openPostgres(t testing.TB, dsn string) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "jstore_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	_, err = admin.ExecContext(ctx, "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("application_name", schema) // names the store's connections in pg_stat_activity
	u.RawQuery = q.Encode()
	st, err := sqlstore.OpenPostgres(ctx, u.String())
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	dsns.Store(st, u.String())
	return st
}

// dsns remembers each test store's address, for opening a second handle on it.
var dsns sync.Map

func schemaDSN(t testing.TB, st *sqlstore.Store) string {
	v, ok := dsns.Load(st)
	require.True(t, ok)
	return v.(string)
}
