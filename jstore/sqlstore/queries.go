package sqlstore

// The statements behind counters and cross-record lists, named so that a test can check with
// EXPLAIN that each is served by an index. A list's statement is completed by listPage with the
// cursor, the order and the limit.
const (
	qCountOpen        = `SELECT COUNT(*) FROM applications WHERE account = ? AND in_cart`
	qListCart         = `SELECT seq, data, version FROM applications WHERE account = ? AND in_cart`
	qListOrdered      = `SELECT seq, data, version FROM applications WHERE status = 'ordered'`
	qFindByCAOrder    = `SELECT data, version FROM applications WHERE ca_order = ? ORDER BY seq LIMIT 1`
	qListApplications = `SELECT seq, data, version FROM applications WHERE account = ?`
	qCountRenewable   = `SELECT COUNT(*) FROM certificates WHERE account = ? AND renewable_end >= ? AND renewable_end < ?`
	qListRenewable    = `SELECT data, version FROM certificates WHERE account = ? AND renewable_end >= ? AND renewable_end < ?
		AND (renewable_end > ? OR renewable_end = ? AND id > ?) ORDER BY renewable_end, id LIMIT ?`
	qCountReissuesDue      = `SELECT COUNT(*) FROM certificates WHERE account = ? AND reissue_due <= ?`
	qListReissuesDue       = `SELECT data, version FROM certificates WHERE reissue_due <= ? ORDER BY reissue_due, seq LIMIT ?`
	qCountDeployBehind     = `SELECT COUNT(*) FROM certificates WHERE account = ? AND deploy_behind IS NOT NULL`
	qCountServedOther      = `SELECT COUNT(*) FROM certificates WHERE account = ? AND served_other IS NOT NULL`
	qCountDeployBehindAll  = `SELECT COUNT(*) FROM certificates WHERE deploy_behind IS NOT NULL`
	qCountServedOtherAll   = `SELECT COUNT(*) FROM certificates WHERE served_other IS NOT NULL`
	qListDeploysDue        = `SELECT data, version FROM certificates WHERE deploy_due <= ? ORDER BY deploy_due, seq LIMIT ?`
	qListDue               = `SELECT data, version FROM applications WHERE sync_due <= ? ORDER BY sync_due, id LIMIT ?`
	qListDueAfter          = `SELECT data, version FROM applications WHERE sync_due <= ? AND (sync_due > ? OR sync_due = ? AND id > ?) ORDER BY sync_due, id LIMIT ?`
	qListCertificates      = `SELECT seq, data, version FROM certificates WHERE account = ?`
	qListCertEvents        = `SELECT seq, data, 0 FROM events WHERE account = ? AND certificate = ?`
	qListEvents            = `SELECT seq, data, 0 FROM events WHERE account = ?`
	qListInquiriesByStatus = `SELECT seq, data, version FROM inquiries WHERE status = ?`
	qListAlertsDue         = `SELECT data, version FROM alerts WHERE due <= ? ORDER BY due, seq LIMIT ?`
	qListAlerts            = `SELECT seq, data, version FROM alerts WHERE account = ?`
)
