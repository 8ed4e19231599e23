package testkit

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, to make and drop the schema
	"github.com/stretchr/testify/require"
)

// PostgresDSN is the test database's address from JSTORE_TEST_POSTGRES_DSN. Without it the
// test skips, naming the variable, except under JSTORE_REQUIRE_INTEGRATION=1 (CI), where it
// fails.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("JSTORE_TEST_POSTGRES_DSN")
	if dsn == "" {
		Missing(t, "set JSTORE_TEST_POSTGRES_DSN to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable (Debian: postgresql) to run the PostgreSQL tests")
	}
	return dsn
}

// PostgresSchema is dsn with its search path set to a new schema of its own, dropped when the
// test ends, so that tests run in parallel on one database and leave nothing behind. Its
// connections carry the schema's name as their application name (pg_stat_activity).
func PostgresSchema(t testing.TB, dsn string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "jstore_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	_, err = admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close()
	})
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("application_name", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
