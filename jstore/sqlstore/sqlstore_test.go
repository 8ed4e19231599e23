package sqlstore_test

import (
	"context"
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

// postgresDSN is the test database's address (testkit.PostgresDSN).
func postgresDSN(t testing.TB) string { return testkit.PostgresDSN(t) }

// openPostgres opens a store in a schema of its own, dropped when the test ends, so tests run
// in parallel and leave nothing behind.
func openPostgres(t testing.TB, dsn string) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	schemaDSN := testkit.PostgresSchema(t, dsn)
	st, err := sqlstore.OpenPostgres(ctx, schemaDSN)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	dsns.Store(st, schemaDSN)
	return st
}

// dsns remembers each test store's address, for opening a second handle on it.
var dsns sync.Map

func schemaDSN(t testing.TB, st *sqlstore.Store) string {
	v, ok := dsns.Load(st)
	require.True(t, ok)
	return v.(string)
}
