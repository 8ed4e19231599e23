package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
)

// Query is one of the statements the counters and lists run, with arguments to explain it by.
type Query struct {
	Name string
	SQL  string
	Args []any
}

// IndexedQueries are the statements that must be served by an index, completed as they run.
func IndexedQueries(account, caOrder string, at int64) []Query {
	page := ` AND seq > ? ORDER BY seq LIMIT ?`
	return []Query{
		{"count open applications", qCountOpen, []any{account}},
		{"list ordered applications", qListOrdered + page, []any{0, 51}},
		{"list the cart", qListCart + page, []any{account, 0, 51}},
		{"find by CA order", qFindByCAOrder, []any{caOrder}},
		{"list applications", qListApplications + page, []any{account, 0, 51}},
		{"count renewable", qCountRenewable, []any{account, at, at + 1}},
		{"count reissues due", qCountReissuesDue, []any{account, at}},
		{"list renewable", qListRenewable, []any{account, at, at + 1, at, at, "crt", 101}},
		{"list reissues due", qListReissuesDue, []any{at, 50}},
		{"list deployments due", qListDeploysDue, []any{at, 50}},
		{"count certificates not yet deployed", qCountDeployBehind, []any{account}},
		{"count certificates served otherwise", qCountServedOther, []any{account}},
		{"count every account's certificates not yet deployed", qCountDeployBehindAll, nil},
		{"count every account's certificates served otherwise", qCountServedOtherAll, nil},
		{"list certificates", qListCertificates + page, []any{account, 0, 51}},
		{"list a certificate's events", qListCertEvents + page, []any{account, "crt", 0, 51}},
		{"list events", qListEvents + page, []any{account, 0, 51}},
		{"list inquiries by status", qListInquiriesByStatus + page, []any{"open", 0, 51}},
		{"list bills due", qListBillsDue, []any{200}},
		{"get applications in one statement", batchGetSQL(2), []any{account, "app07-001", "app07-002"}},
		{"update applications in one statement", batchUpdateSQL(2), []any{"app07-001", 1, "ordered", false, nil, at, "{}", "app07-002", 1, "ordered", false, nil, nil, "{}", account}},
		{"list due applications", qListDue, []any{at, 1000}},
		{"list due applications after one", qListDueAfter, []any{at, at - 1, at - 1, "app07-001", 1000}},
		{"list alerts due", qListAlertsDue, []any{at, 200}},
		searchQuery("search documents by date", billing.Query{Seller: "T1", From: time.Unix(0, at), To: time.Unix(0, at+1)}),
		searchQuery("search documents by customer and date", billing.Query{Seller: "T1", Account: jstore.AccountID(account), From: time.Unix(0, at)}),
		searchQuery("a customer's documents, newest first, after a cursor", billing.Query{Seller: "T1", Account: jstore.AccountID(account), Newest: true,
			ListOptions: jstore.ListOptions{Cursor: strconv.FormatInt(at, 10) + ".doc_x"}}),
		{"list alerts", qListAlerts + page, []any{account, 0, 51}},
	}
}

// Explain returns PostgreSQL's plan for q with sequential scans priced out, so that a plan
// that still scans the table shows that no index can serve it.
func Explain(ctx context.Context, s *Store, q Query) (string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return "", err
	}
	rows, err := tx.QueryContext(ctx, "EXPLAIN "+s.d.bind(q.SQL), q.Args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		plan = append(plan, line)
	}
	return strings.Join(plan, "\n"), rows.Err()
}

// searchQuery is the statement SearchDocuments runs for q.
func searchQuery(name string, q billing.Query) Query {
	stmt, args, err := searchStatement(q, 50)
	if err != nil {
		panic(err) // the queries named in the test are valid
	}
	return Query{name, stmt, args}
}
