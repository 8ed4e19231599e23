package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// TestQueriesUseIndexes seeds PostgreSQL with 20 accounts, 4,000 applications and 4,000
// certificates, analyses the tables, and checks with EXPLAIN that every counter and list query
// is served by an index rather than a sequential scan.
func TestQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	st := openPostgres(t, postgresDSN(t))
	ctx := t.Context()
	t0 := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	statuses := []jstore.ApplicationStatus{jstore.StatusProductSelected, jstore.StatusInfoRegistered, jstore.StatusOrdered, jstore.StatusIssued}
	require.NoError(t, st.Update(ctx, func(tx jstore.Tx) error {
		for a := range 20 {
			acct := jstore.Account{ID: jstore.AccountID(fmt.Sprintf("acc%02d", a)), LoginID: fmt.Sprintf("login%02d", a)}
			if err := tx.CreateAccount(ctx, &acct); err != nil {
				return err
			}
			for i := range 200 {
				app := jstore.Application{ID: jstore.ApplicationID(fmt.Sprintf("app%02d-%03d", a, i)), Account: acct.ID, Kind: jstore.AppNew,
					Status: statuses[i%4], CAOrderID: jstore.CAOrderID(fmt.Sprintf("ca%02d-%03d", a, i))}
				if err := tx.CreateApplication(ctx, &app); err != nil {
					return err
				}
				nb := t0.Add(time.Duration(i) * time.Hour)
				c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt%02d-%03d", a, i)), Account: acct.ID, Status: jstore.CertIssued,
					NotBefore: nb, NotAfter: nb.Add(90 * 24 * time.Hour), SubscriptionEnd: nb.AddDate(1, 0, 0)}
				if err := tx.CreateCertificate(ctx, &c); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	for _, table := range []string{"accounts", "applications", "certificates", "events", "inquiries"} {
		_, err := st.DB().ExecContext(ctx, "ANALYZE "+table)
		require.NoError(t, err)
	}
	for _, q := range sqlstore.IndexedQueries("acc07", "ca07-123", t0.Add(100*24*time.Hour).UnixNano()) {
		plan, err := sqlstore.Explain(ctx, st, q)
		require.NoError(t, err, q.Name)
		assert.NotContains(t, plan, "Seq Scan", "%s:\n%s", q.Name, plan)
		assert.Contains(t, plan, "Index", "%s:\n%s", q.Name, plan)
	}
}
