package sqlstore

// migration is one schema version: the statements to reach it, by dialect.
type migration struct {
	version  int
	postgres []string
	sqlite   []string
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
	return []migration{{
		version:  1,
		postgres: append([]string{`CREATE SEQUENCE jstore_seq`}, pg...),
		sqlite:   append([]string{`CREATE TABLE jstore_seq (value BIGINT NOT NULL)`, `INSERT INTO jstore_seq VALUES (0)`}, lite...),
	}}
}()
