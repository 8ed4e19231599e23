package sqlstore

import (
	"context"
	"database/sql"

	"github.com/jstore-sdk/sdk/jstore"
)

// migration is one schema version: the statements to reach it, by dialect, and what must be
// computed in Go for the rows already there.
type migration struct {
	version  int
	postgres []string
	sqlite   []string
	backfill func(ctx context.Context, tx *sql.Tx, d dialect) error
}

// both is the same statements for both dialects.
func both(stmts ...string) ([]string, []string) { return stmts, stmts }

var tables = []string{
	`CREATE TABLE accounts (id TEXT PRIMARY KEY, login_key TEXT NOT NULL UNIQUE, seq BIGINT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL)`,
	`CREATE TABLE applications (id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts (id), seq BIGINT NOT NULL, version BIGINT NOT NULL,
		status TEXT NOT NULL, in_cart BOOLEAN NOT NULL, ca_order TEXT, data TEXT NOT NULL)`,
	`CREATE INDEX applications_by_account ON applications (account, seq)`,
	`CREATE INDEX applications_in_cart ON applications (account, seq) WHERE in_cart`,
	`CREATE INDEX applications_ordered ON applications (seq) WHERE status = 'ordered'`,
	`CREATE INDEX applications_by_ca_order ON applications (ca_order) WHERE ca_order IS NOT NULL`,
	`CREATE TABLE orders (id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts (id), seq BIGINT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL)`,
	`CREATE INDEX orders_by_account ON orders (account, seq)`,
	`CREATE TABLE certificates (id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts (id), seq BIGINT NOT NULL, version BIGINT NOT NULL,
		renewable_end BIGINT, reissue_due BIGINT, data TEXT NOT NULL)`,
	`CREATE INDEX certificates_by_account ON certificates (account, seq)`,
	`CREATE INDEX certificates_renewable ON certificates (account, renewable_end) WHERE renewable_end IS NOT NULL`,
	`CREATE INDEX certificates_reissue_due ON certificates (account, reissue_due) WHERE reissue_due IS NOT NULL`,
	`CREATE INDEX certificates_reissue_due_all ON certificates (reissue_due) WHERE reissue_due IS NOT NULL`,
	`CREATE TABLE events (seq BIGINT PRIMARY KEY, account TEXT NOT NULL, certificate TEXT NOT NULL, data TEXT NOT NULL)`,
	`CREATE INDEX events_by_account ON events (account, seq)`,
	`CREATE INDEX events_by_certificate ON events (account, certificate, seq)`,
	`CREATE TABLE inquiries (id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts (id), seq BIGINT NOT NULL, version BIGINT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL)`,
	`CREATE INDEX inquiries_by_account ON inquiries (account, seq)`,
	`CREATE INDEX inquiries_by_status ON inquiries (status, seq)`,
	`CREATE INDEX inquiries_all ON inquiries (seq)`,
	`CREATE TABLE quote_numbers (day TEXT PRIMARY KEY, last BIGINT NOT NULL)`,
	`CREATE TABLE leases (key TEXT PRIMARY KEY, owner TEXT NOT NULL, until_ns BIGINT NOT NULL)`,
}

// migrations are applied in order; a released version is never edited: a change is a new one.
var migrations = func() []migration {
	pg, lite := both(tables...)
	due, dueLite := both(
		`ALTER TABLE applications ADD COLUMN sync_due BIGINT`,
		`CREATE INDEX applications_sync_due ON applications (sync_due, id) WHERE sync_due IS NOT NULL`)
	deploys, deploysLite := both(
		`ALTER TABLE certificates ADD COLUMN deploy_due BIGINT`,
		`CREATE INDEX certificates_deploy_due ON certificates (deploy_due, seq) WHERE deploy_due IS NOT NULL`)
	deployCounts, deployCountsLite := both(
		`ALTER TABLE certificates ADD COLUMN deploy_behind SMALLINT`,
		`ALTER TABLE certificates ADD COLUMN served_other SMALLINT`,
		`CREATE INDEX certificates_deploy_behind ON certificates (account) WHERE deploy_behind IS NOT NULL`,
		`CREATE INDEX certificates_served_other ON certificates (account) WHERE served_other IS NOT NULL`)
	slots, slotsLite := both(`CREATE TABLE rate_slots (name TEXT PRIMARY KEY, next_ns BIGINT NOT NULL)`)
	alerts, alertsLite := both(
		`CREATE TABLE alerts (id TEXT PRIMARY KEY, account TEXT NOT NULL, seq BIGINT NOT NULL, version BIGINT NOT NULL, open_key TEXT, due BIGINT, data TEXT NOT NULL)`,
		`CREATE UNIQUE INDEX alerts_open ON alerts (account, open_key)`,
		`CREATE INDEX alerts_due ON alerts (due, seq) WHERE due IS NOT NULL`,
		`CREATE INDEX alerts_by_account ON alerts (account, seq)`)
	billingTables := []string{
		`CREATE TABLE billing_series (seller TEXT NOT NULL, kind TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (seller, kind))`,
		`CREATE INDEX billing_documents_issued ON billing_documents (seller, issued_ns, id)`,
		`CREATE INDEX billing_documents_account ON billing_documents (seller, account, issued_ns, id)`,
		`CREATE INDEX billing_documents_total ON billing_documents (seller, total)`,
	}
	bills := []string{
		`ALTER TABLE billing_documents ADD COLUMN source TEXT NOT NULL DEFAULT ''`,
		`CREATE UNIQUE INDEX billing_documents_source ON billing_documents (seller, kind, source) WHERE source <> ''`,
		`CREATE TABLE bills_due (key TEXT PRIMARY KEY, account TEXT NOT NULL, at_ns BIGINT NOT NULL, data TEXT NOT NULL)`,
		`CREATE INDEX bills_due_at ON bills_due (at_ns, key)`,
	}
	web := []string{
		`CREATE TABLE web_sessions (id TEXT PRIMARY KEY, account TEXT NOT NULL, staff BOOLEAN NOT NULL, csrf TEXT NOT NULL, lang TEXT NOT NULL, last_seen BIGINT NOT NULL)`,
		`CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen)`,
		`CREATE TABLE login_keys (key TEXT PRIMARY KEY, touched BIGINT NOT NULL)`,
		`CREATE TABLE login_attempts (key TEXT NOT NULL, id TEXT NOT NULL, at_ns BIGINT NOT NULL, failed BOOLEAN NOT NULL, PRIMARY KEY (key, id))`,
		`CREATE INDEX login_attempts_at ON login_attempts (at_ns)`,
	}
	return []migration{{
		version:  1,
		postgres: append([]string{`CREATE SEQUENCE jstore_seq`}, pg...),
		sqlite:   append([]string{`CREATE TABLE jstore_seq (value BIGINT NOT NULL)`, `INSERT INTO jstore_seq VALUES (0)`}, lite...),
	}, {
		// Version 2: ordered applications indexed by when Sync next acts (jstore.DueLister).
		version: 2, postgres: due, sqlite: dueLite, backfill: backfillSyncDue,
	}, {
		// Version 3: the CA's rate budget, shared by every process (ca.SlotStore).
		version: 3, postgres: slots, sqlite: slotsLite,
	}, {
		// Version 4: sealed private keys (keystore.Store).
		version:  4,
		postgres: []string{`CREATE TABLE private_keys (account TEXT NOT NULL, id TEXT NOT NULL, sealed BYTEA NOT NULL, PRIMARY KEY (account, id))`},
		sqlite:   []string{`CREATE TABLE private_keys (account TEXT NOT NULL, id TEXT NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (account, id))`},
	}, {
		// Version 5: certificates indexed by when Sync next deploys them (jstore.DeployLister);
		// no certificate had deployment targets before it.
		version: 5, postgres: deploys, sqlite: deploysLite,
	}, {
		// Version 6: the dashboard's deployment counters (jstore.DeployCounter).
		version: 6, postgres: deployCounts, sqlite: deployCountsLite,
	}, {
		// Version 7: alerts, one open per cause, indexed by their next delivery (jstore.AlertOutbox).
		version: 7, postgres: alerts, sqlite: alertsLite,
	}, {
		// Version 8: a panel's web sessions and login throttle, shared by its processes
		// (jstore.WebSessions).
		version:  8,
		postgres: append(web, `CREATE TABLE web_keys (name TEXT PRIMARY KEY, secret BYTEA NOT NULL)`),
		sqlite:   append(web, `CREATE TABLE web_keys (name TEXT PRIMARY KEY, secret BLOB NOT NULL)`),
	}, {
		// Version 9: the billing archive (billing.Store): documents are inserted, never updated.
		version: 9,
		postgres: append([]string{`CREATE TABLE billing_documents (id TEXT PRIMARY KEY, seller TEXT NOT NULL, kind TEXT NOT NULL, seq BIGINT NOT NULL,
			number TEXT NOT NULL, account TEXT NOT NULL, customer TEXT NOT NULL, issued_ns BIGINT NOT NULL, total BIGINT NOT NULL, data TEXT NOT NULL,
			pdf BYTEA NOT NULL, sha256 TEXT NOT NULL, UNIQUE (seller, kind, seq))`}, billingTables...),
		sqlite: append([]string{`CREATE TABLE billing_documents (id TEXT PRIMARY KEY, seller TEXT NOT NULL, kind TEXT NOT NULL, seq BIGINT NOT NULL,
			number TEXT NOT NULL, account TEXT NOT NULL, customer TEXT NOT NULL, issued_ns BIGINT NOT NULL, total BIGINT NOT NULL, data TEXT NOT NULL,
			pdf BLOB NOT NULL, sha256 TEXT NOT NULL, UNIQUE (seller, kind, seq))`}, billingTables...),
	}, {
		// Version 10: what each billing document was issued for, once per series, and the
		// bills due (jstore.BillingQueue).
		version: 10, postgres: bills, sqlite: bills,
	}}
}()

// backfillSyncDue sets sync_due for the ordered applications the database already holds.
func backfillSyncDue(ctx context.Context, tx *sql.Tx, d dialect) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, data FROM applications WHERE status = 'ordered'`)
	if err != nil {
		return err
	}
	due := map[string]int64{}
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			rows.Close()
			return err
		}
		a, err := decode[jstore.Application](data)
		if err != nil {
			rows.Close()
			return err
		}
		if at, ok := a.SyncDue(); ok {
			due[id] = nanos(at)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, at := range due {
		if _, err := tx.ExecContext(ctx, d.bind(`UPDATE applications SET sync_due = ? WHERE id = ?`), at, id); err != nil {
			return err
		}
	}
	return nil
}
