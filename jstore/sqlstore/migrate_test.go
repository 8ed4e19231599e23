package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// TestMigrationBackfillsSyncDue: a database at schema version 1 — before the due index —
// holding ordered applications is migrated with each one's due time computed from its record,
// so the first Sync after the upgrade finds every one that is due.
func TestMigrationBackfillsSyncDue(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	t0 := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	acct := account("old")
	placed := jstore.Application{ID: "app-placed", Account: acct.ID, Kind: jstore.AppNew, Status: jstore.StatusOrdered, CAOrderID: "ca-1", NextCheck: t0}
	later := jstore.Application{ID: "app-later", Account: acct.ID, Kind: jstore.AppNew, Status: jstore.StatusOrdered, CAOrderID: "ca-2", NextCheck: t0.Add(48 * time.Hour)}
	issued := jstore.Application{ID: "app-issued", Account: acct.ID, Kind: jstore.AppNew, Status: jstore.StatusIssued, CAOrderID: "ca-3"}
	require.NoError(t, st.Update(ctx, func(tx jstore.Tx) error {
		if err := tx.CreateAccount(ctx, &acct); err != nil {
			return err
		}
		for _, a := range []*jstore.Application{&placed, &later, &issued} {
			if err := tx.CreateApplication(ctx, a); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, st.Close())

	// Back to version 1, as a database written before the index would be: what versions 2 and
	// later added is removed.
	db, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	for _, q := range []string{`DROP INDEX applications_sync_due`, `ALTER TABLE applications DROP COLUMN sync_due`, `DROP TABLE rate_slots`, `DROP TABLE private_keys`,
		`DROP INDEX certificates_deploy_due`, `ALTER TABLE certificates DROP COLUMN deploy_due`,
		`DROP INDEX certificates_deploy_behind`, `DROP INDEX certificates_served_other`,
		`ALTER TABLE certificates DROP COLUMN deploy_behind`, `ALTER TABLE certificates DROP COLUMN served_other`, `DROP TABLE alerts`, `DROP TABLE web_sessions`, `DROP TABLE login_keys`, `DROP TABLE login_attempts`, `DROP TABLE web_keys`, `DROP TABLE billing_documents`, `DROP TABLE billing_series`, `DROP TABLE bills_due`,
		`DELETE FROM schema_migrations WHERE version >= 2`} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())

	st, err = sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer st.Close()
	var due []jstore.ApplicationID
	require.NoError(t, st.View(ctx, func(tx jstore.Tx) error {
		apps, err := tx.(jstore.DueLister).ListDueApplications(context.Background(), t0.Add(time.Hour), jstore.Application{}, 100)
		for _, a := range apps {
			due = append(due, a.ID)
		}
		return err
	}))
	assert.Equal(t, []jstore.ApplicationID{"app-placed"}, due)
}
