package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/keystore"
)

// check is one conformance test.
type check struct {
	name string
	fn   func(t *testing.T, s jstore.Store)
}

// Run runs the suite against stores made by newStore.
func Run(t *testing.T, newStore func(t *testing.T) jstore.Store) {
	t.Helper()
	tests := []check{
		{"Accounts", testAccounts},
		{"Applications", testApplications},
		{"Orders", testOrders},
		{"Certificates", testCertificates},
		{"Events", testEvents},
		{"Inquiries", testInquiries},
		{"OtherTenantIsNotFound", testOtherTenant},
		{"StaleVersionConflicts", testStaleVersion},
		{"FailedTransactionLeavesNothing", testAtomic},
		{"ViewIsReadOnly", testViewReadOnly},
		{"PagingNeitherSkipsNorRepeats", testPaging},
		{"PagingUnderConcurrentInserts", testPagingConcurrent},
		{"CountersMatchBruteForce", testCounters},
		{"ConcurrentWriters", testConcurrentWriters},
		{"CancelledContext", testCancelled},
		{"BadPageOptions", testBadPageOptions},
		{"FulfilmentIndexes", testFulfilment},
		{"ReissuesDue", testReissuesDue},
		{"QuoteNumbers", testQuoteNumbers},
		{"CartIndex", testCartIndex},
	}
	if _, ok := newStore(t).(jstore.Leaser); ok {
		tests = append(tests, check{"Leases", testLeases})
	}
	if _, ok := newStore(t).(keystore.Store); ok {
		tests = append(tests, check{"SealedKeys", testSealedKeys})
	}
	if _, ok := newStore(t).(billing.Store); ok {
		tests = append(tests, check{"Billing", testBilling})
	}
	if _, ok := newStore(t).(jstore.WebSessions); ok {
		tests = append(tests, check{"WebSessions", testWebSessions})
	}
	if _, ok := newStore(t).(ca.SlotStore); ok {
		tests = append(tests, check{"RateSlots", testRateSlots})
	}
	if txHas[jstore.ApplicationBatcher](t, newStore(t)) {
		tests = append(tests, check{"ApplicationBatches", testApplicationBatches})
	}
	if txHas[jstore.DeployLister](t, newStore(t)) {
		tests = append(tests, check{"DeploysDue", testDeploysDue})
	}
	if txHas[jstore.RenewableLister](t, newStore(t)) {
		tests = append(tests, check{"RenewableList", testRenewable})
	}
	if txHas[jstore.AlertOutbox](t, newStore(t)) {
		tests = append(tests, check{"Alerts", testAlerts})
	}
	if txHas[jstore.BillingQueue](t, newStore(t)) {
		tests = append(tests, check{"BillsDue", testBillsDue})
	}
	if txHas[jstore.DueLister](t, newStore(t)) {
		tests = append(tests, check{"DueApplications", testDueApplications})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, newStore(t))
		})
	}
}

var seq atomic.Int64

func id(prefix string) string { return fmt.Sprintf("%s%d", prefix, seq.Add(1)) }

var t0 = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)

func update(t *testing.T, s jstore.Store, fn func(ctx context.Context, tx jstore.Tx) error) {
	t.Helper()
	ctx := t.Context()
	require.NoError(t, s.Update(ctx, func(tx jstore.Tx) error { return fn(ctx, tx) }))
}

func view(t *testing.T, s jstore.Store, fn func(ctx context.Context, tx jstore.Tx) error) {
	t.Helper()
	ctx := t.Context()
	require.NoError(t, s.View(ctx, func(tx jstore.Tx) error { return fn(ctx, tx) }))
}

func newAccount(t *testing.T, s jstore.Store) jstore.Account {
	t.Helper()
	a := jstore.Account{ID: jstore.AccountID(id("acc")), LoginID: id("login"), PasswordHash: "h", CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateAccount(ctx, &a) })
	require.EqualValues(t, 1, a.Version)
	return a
}

func newApp(t *testing.T, s jstore.Store, acct jstore.AccountID, status jstore.ApplicationStatus) jstore.Application {
	t.Helper()
	a := jstore.Application{ID: jstore.ApplicationID(id("app")), Account: acct, Kind: jstore.AppNew, Status: status,
		ProductCode: "DV_SSL", Term: 1, SANs: []string{"a.example.jp"}, CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateApplication(ctx, &a) })
	return a
}

func newCert(t *testing.T, s jstore.Store, acct jstore.AccountID, end time.Time) jstore.Certificate {
	t.Helper()
	c := jstore.Certificate{ID: jstore.CertificateID(id("crt")), Account: acct, Status: jstore.CertIssued,
		CommonName: "www.example.jp", SANs: []string{"example.jp"}, SubscriptionEnd: end, NotAfter: end, CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateCertificate(ctx, &c) })
	return c
}

func testAccounts(t *testing.T, s jstore.Store) {
	a := newAccount(t, s)
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetAccount(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, a, got)
		got, err = tx.GetAccountByLogin(ctx, a.LoginID)
		require.NoError(t, err)
		assert.Equal(t, a.ID, got.ID)
		_, err = tx.GetAccountByLogin(ctx, "nobody")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = tx.GetAccount(ctx, "missing")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		return nil
	})
	b := newAccount(t, s)
	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		dup := jstore.Account{ID: "other", LoginID: a.LoginID}
		return tx.CreateAccount(t.Context(), &dup)
	})
	assert.ErrorIs(t, err, jstore.ErrExists, "a taken login ID")
	err = s.Update(t.Context(), func(tx jstore.Tx) error {
		dup := jstore.Account{ID: a.ID, LoginID: "fresh"}
		return tx.CreateAccount(t.Context(), &dup)
	})
	assert.ErrorIs(t, err, jstore.ErrExists, "a taken ID")

	old := a.LoginID
	a.LoginID = "renamed-" + old
	a.Customer.Company = "Example KK"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateAccount(ctx, &a) })
	assert.EqualValues(t, 2, a.Version)
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.GetAccountByLogin(ctx, old)
		assert.ErrorIs(t, err, jstore.ErrNotFound, "the old login ID is freed")
		got, err := tx.GetAccountByLogin(ctx, a.LoginID)
		require.NoError(t, err)
		assert.Equal(t, "Example KK", got.Customer.Company)
		return nil
	})
	b.LoginID = a.LoginID
	err = s.Update(t.Context(), func(tx jstore.Tx) error { return tx.UpdateAccount(t.Context(), &b) })
	assert.ErrorIs(t, err, jstore.ErrExists, "renaming onto a taken login ID")
	testLoginCase(t, s)
}

// testLoginCase: login IDs are unique and found ignoring case, and kept as written.
func testLoginCase(t *testing.T, s jstore.Store) {
	a := jstore.Account{ID: jstore.AccountID(id("acc")), LoginID: "Mixed." + id("Case"), PasswordHash: "h", CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateAccount(ctx, &a) })
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		for _, form := range []string{a.LoginID, strings.ToUpper(a.LoginID), strings.ToLower(a.LoginID)} {
			got, err := tx.GetAccountByLogin(ctx, form)
			require.NoError(t, err, form)
			assert.Equal(t, a.ID, got.ID, form)
			assert.Equal(t, a.LoginID, got.LoginID, "the login ID is kept as written")
		}
		return nil
	})
	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		dup := jstore.Account{ID: jstore.AccountID(id("acc")), LoginID: strings.ToUpper(a.LoginID)}
		return tx.CreateAccount(t.Context(), &dup)
	})
	assert.ErrorIs(t, err, jstore.ErrExists, "a login ID differing only in case is taken")
	b := newAccount(t, s)
	b.LoginID = strings.ToLower(a.LoginID)
	err = s.Update(t.Context(), func(tx jstore.Tx) error { return tx.UpdateAccount(t.Context(), &b) })
	assert.ErrorIs(t, err, jstore.ErrExists, "renaming onto another case of a taken login ID")
	a.LoginID = strings.ToUpper(a.LoginID)
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateAccount(ctx, &a) })
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetAccountByLogin(ctx, strings.ToLower(a.LoginID))
		require.NoError(t, err)
		assert.Equal(t, a.LoginID, got.LoginID, "an account may change the case of its own login ID")
		return nil
	})
}

func testApplications(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	a := newApp(t, s, acct.ID, jstore.StatusProductSelected)
	assert.EqualValues(t, 1, a.Version)
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetApplication(ctx, acct.ID, a.ID)
		require.NoError(t, err)
		assert.Equal(t, a, got)
		return nil
	})
	a.Status = jstore.StatusInfoRegistered
	a.SANs = append(a.SANs, "b.example.jp")
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &a) })
	assert.EqualValues(t, 2, a.Version)
	a.SANs[0] = "mutated.after.write"
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetApplication(ctx, acct.ID, a.ID)
		require.NoError(t, err)
		assert.Equal(t, []string{"a.example.jp", "b.example.jp"}, got.SANs, "the store keeps its own copy")
		got.SANs[0] = "mutated.after.read"
		again, err := tx.GetApplication(ctx, acct.ID, a.ID)
		require.NoError(t, err)
		assert.Equal(t, "a.example.jp", again.SANs[0], "reads hand out copies")
		page, err := tx.ListApplications(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Len(t, page.Items, 1)
		return nil
	})
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		return tx.DeleteApplication(ctx, acct.ID, a.ID, a.Version)
	})
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.GetApplication(ctx, acct.ID, a.ID)
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		page, err := tx.ListApplications(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Empty(t, page.Items)
		n, err := tx.CountOpenApplications(ctx, acct.ID)
		require.NoError(t, err)
		assert.Zero(t, n)
		return nil
	})
	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		orphan := jstore.Application{ID: "orphan", Account: "no-such-account"}
		return tx.CreateApplication(t.Context(), &orphan)
	})
	assert.ErrorIs(t, err, jstore.ErrNotFound, "an application needs its account")
	err = s.Update(t.Context(), func(tx jstore.Tx) error {
		empty := jstore.Application{Account: acct.ID}
		return tx.CreateApplication(t.Context(), &empty)
	})
	assert.ErrorIs(t, err, jstore.ErrInvalid, "an application needs an ID")
}

func testOrders(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	o := jstore.Order{ID: jstore.OrderID(id("ord")), Account: acct.ID, Subtotal: 1000, Tax: 100, Total: 1100,
		Lines: []jstore.OrderLine{{Application: "app1", Amount: 1000}}, CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateOrder(ctx, &o) })
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetOrder(ctx, acct.ID, o.ID)
		require.NoError(t, err)
		assert.Equal(t, o, got)
		page, err := tx.ListOrders(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Equal(t, []jstore.Order{o}, page.Items)
		return nil
	})
	err := s.Update(t.Context(), func(tx jstore.Tx) error {
		dup := o
		return tx.CreateOrder(t.Context(), &dup)
	})
	assert.ErrorIs(t, err, jstore.ErrExists)
}

func testCertificates(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	c := newCert(t, s, acct.ID, t0.Add(30*24*time.Hour))
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetCertificate(ctx, acct.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, c, got)
		return nil
	})
	c.LockedBy = "app-x"
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &c) })
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetCertificate(ctx, acct.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, jstore.ApplicationID("app-x"), got.LockedBy)
		page, err := tx.ListCertificates(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Len(t, page.Items, 1)
		return nil
	})
}

func testEvents(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	var seqs []int64
	for i := range 5 {
		e := jstore.Event{Account: acct.ID, At: t0, Type: jstore.EventCertificateIssued, Detail: map[string]string{"i": fmt.Sprint(i)}}
		if i%2 == 0 {
			e.Certificate = "crt-a"
		}
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.AppendEvent(ctx, &e) })
		require.NotZero(t, e.Seq)
		if len(seqs) > 0 {
			assert.Greater(t, e.Seq, seqs[len(seqs)-1], "Seq increases")
		}
		seqs = append(seqs, e.Seq)
	}
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		all, err := tx.ListEvents(ctx, acct.ID, "", jstore.ListOptions{})
		require.NoError(t, err)
		require.Len(t, all.Items, 5)
		for i, e := range all.Items {
			assert.Equal(t, seqs[i], e.Seq)
			assert.Equal(t, fmt.Sprint(i), e.Detail["i"])
		}
		one, err := tx.ListEvents(ctx, acct.ID, "crt-a", jstore.ListOptions{Limit: 2})
		require.NoError(t, err)
		require.Len(t, one.Items, 2)
		require.NotEmpty(t, one.Next)
		rest, err := tx.ListEvents(ctx, acct.ID, "crt-a", jstore.ListOptions{Cursor: one.Next, Limit: 2})
		require.NoError(t, err)
		require.Len(t, rest.Items, 1)
		assert.Empty(t, rest.Next)
		assert.Equal(t, []int64{seqs[0], seqs[2], seqs[4]}, []int64{one.Items[0].Seq, one.Items[1].Seq, rest.Items[0].Seq})
		return nil
	})
}

func testInquiries(t *testing.T, s jstore.Store) {
	a, b := newAccount(t, s), newAccount(t, s)
	qa := jstore.Inquiry{ID: jstore.InquiryID(id("inq")), Account: a.ID, Certificate: "c1", Reason: jstore.ReasonKeyCompromise, Status: jstore.InquiryOpen, CreatedAt: t0}
	qb := jstore.Inquiry{ID: jstore.InquiryID(id("inq")), Account: b.ID, Certificate: "c2", Reason: jstore.ReasonSuperseded, Status: jstore.InquiryOpen, CreatedAt: t0}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		require.NoError(t, tx.CreateInquiry(ctx, &qa))
		return tx.CreateInquiry(ctx, &qb)
	})
	qa.Status = jstore.InquiryRevoked
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateInquiry(ctx, &qa) })
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		got, err := tx.GetInquiry(ctx, a.ID, qa.ID)
		require.NoError(t, err)
		assert.Equal(t, qa, got)
		got, err = tx.GetInquiryByID(ctx, qb.ID)
		require.NoError(t, err)
		assert.Equal(t, qb, got)
		own, err := tx.ListInquiries(ctx, b.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Equal(t, []jstore.Inquiry{qb}, own.Items)
		all, err := tx.ListAllInquiries(ctx, "", jstore.ListOptions{})
		require.NoError(t, err)
		assert.Len(t, all.Items, 2)
		open, err := tx.ListAllInquiries(ctx, jstore.InquiryOpen, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Equal(t, []jstore.Inquiry{qb}, open.Items)
		return nil
	})
}

func testOtherTenant(t *testing.T, s jstore.Store) {
	owner, other := newAccount(t, s), newAccount(t, s)
	app := newApp(t, s, owner.ID, jstore.StatusProductSelected)
	cert := newCert(t, s, owner.ID, t0)
	o := jstore.Order{ID: jstore.OrderID(id("ord")), Account: owner.ID}
	q := jstore.Inquiry{ID: jstore.InquiryID(id("inq")), Account: owner.ID, Status: jstore.InquiryOpen}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		require.NoError(t, tx.CreateOrder(ctx, &o))
		require.NoError(t, tx.CreateInquiry(ctx, &q))
		return tx.AppendEvent(ctx, &jstore.Event{Account: owner.ID, Type: jstore.EventCertificateIssued, Certificate: cert.ID})
	})
	ctx := t.Context()
	reads := map[string]func(tx jstore.Tx) error{
		"GetApplication": func(tx jstore.Tx) error { _, err := tx.GetApplication(ctx, other.ID, app.ID); return err },
		"GetOrder":       func(tx jstore.Tx) error { _, err := tx.GetOrder(ctx, other.ID, o.ID); return err },
		"GetCertificate": func(tx jstore.Tx) error { _, err := tx.GetCertificate(ctx, other.ID, cert.ID); return err },
		"GetInquiry":     func(tx jstore.Tx) error { _, err := tx.GetInquiry(ctx, other.ID, q.ID); return err },
	}
	for name, fn := range reads {
		assert.ErrorIs(t, s.View(ctx, fn), jstore.ErrNotFound, name)
	}
	stolenApp, stolenCert, stolenQ := app, cert, q
	stolenApp.Account, stolenCert.Account, stolenQ.Account = other.ID, other.ID, other.ID
	stolenApp.Status, stolenCert.Status, stolenQ.Status = jstore.StatusOrdered, jstore.CertRevoked, jstore.InquiryDeclined
	writes := map[string]func(tx jstore.Tx) error{
		"UpdateApplication": func(tx jstore.Tx) error { return tx.UpdateApplication(ctx, &stolenApp) },
		"DeleteApplication": func(tx jstore.Tx) error { return tx.DeleteApplication(ctx, other.ID, app.ID, app.Version) },
		"UpdateCertificate": func(tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &stolenCert) },
		"UpdateInquiry":     func(tx jstore.Tx) error { return tx.UpdateInquiry(ctx, &stolenQ) },
	}
	for name, fn := range writes {
		assert.ErrorIs(t, s.Update(ctx, fn), jstore.ErrNotFound, name)
	}
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		gotApp, err := tx.GetApplication(ctx, owner.ID, app.ID)
		require.NoError(t, err)
		assert.Equal(t, app, gotApp, "the owner's application is unchanged")
		gotCert, err := tx.GetCertificate(ctx, owner.ID, cert.ID)
		require.NoError(t, err)
		assert.Equal(t, cert, gotCert, "the owner's certificate is unchanged")
		gotQ, err := tx.GetInquiry(ctx, owner.ID, q.ID)
		require.NoError(t, err)
		assert.Equal(t, q, gotQ, "the owner's inquiry is unchanged")
		for _, list := range []func() (int, error){
			func() (int, error) {
				p, err := tx.ListApplications(ctx, other.ID, jstore.ListOptions{})
				return len(p.Items), err
			},
			func() (int, error) {
				p, err := tx.ListOrders(ctx, other.ID, jstore.ListOptions{})
				return len(p.Items), err
			},
			func() (int, error) {
				p, err := tx.ListCertificates(ctx, other.ID, jstore.ListOptions{})
				return len(p.Items), err
			},
			func() (int, error) {
				p, err := tx.ListInquiries(ctx, other.ID, jstore.ListOptions{})
				return len(p.Items), err
			},
			func() (int, error) {
				p, err := tx.ListEvents(ctx, other.ID, cert.ID, jstore.ListOptions{})
				return len(p.Items), err
			},
			func() (int, error) { return tx.CountOpenApplications(ctx, other.ID) },
			func() (int, error) { return tx.CountRenewable(ctx, other.ID, t0.Add(-time.Hour), t0.Add(time.Hour)) },
		} {
			n, err := list()
			require.NoError(t, err)
			assert.Zero(t, n, "another tenant sees nothing")
		}
		return nil
	})
}

func testStaleVersion(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	app := newApp(t, s, acct.ID, jstore.StatusProductSelected)
	cert := newCert(t, s, acct.ID, t0)
	q := jstore.Inquiry{ID: jstore.InquiryID(id("inq")), Account: acct.ID, Status: jstore.InquiryOpen}
	update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.CreateInquiry(ctx, &q) })
	ctx := t.Context()
	fresh := func() (jstore.Account, jstore.Application, jstore.Certificate, jstore.Inquiry) {
		return acct, app, cert, q
	}
	a1, p1, c1, q1 := fresh()
	update(t, s, func(ctx context.Context, tx jstore.Tx) error {
		require.NoError(t, tx.UpdateAccount(ctx, &a1))
		require.NoError(t, tx.UpdateApplication(ctx, &p1))
		require.NoError(t, tx.UpdateCertificate(ctx, &c1))
		return tx.UpdateInquiry(ctx, &q1)
	})
	a2, p2, c2, q2 := fresh() // still at version 1
	cases := map[string]func(tx jstore.Tx) error{
		"UpdateAccount":     func(tx jstore.Tx) error { return tx.UpdateAccount(ctx, &a2) },
		"UpdateApplication": func(tx jstore.Tx) error { return tx.UpdateApplication(ctx, &p2) },
		"DeleteApplication": func(tx jstore.Tx) error { return tx.DeleteApplication(ctx, acct.ID, app.ID, 1) },
		"UpdateCertificate": func(tx jstore.Tx) error { return tx.UpdateCertificate(ctx, &c2) },
		"UpdateInquiry":     func(tx jstore.Tx) error { return tx.UpdateInquiry(ctx, &q2) },
	}
	for name, fn := range cases {
		assert.ErrorIs(t, s.Update(ctx, fn), jstore.ErrConflict, name)
	}
	assert.EqualValues(t, 1, p2.Version, "a refused update leaves the caller's version alone")
}

func testAtomic(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	app := newApp(t, s, acct.ID, jstore.StatusProductSelected)
	cert := newCert(t, s, acct.ID, t0)
	boom := errors.New("boom")
	ctx := t.Context()
	err := s.Update(ctx, func(tx jstore.Tx) error {
		a := jstore.Account{ID: "atomic-acc", LoginID: "atomic-login"}
		require.NoError(t, tx.CreateAccount(ctx, &a))
		upd := acct
		upd.LoginID = "atomic-renamed"
		require.NoError(t, tx.UpdateAccount(ctx, &upd))
		p := jstore.Application{ID: "atomic-app", Account: acct.ID, Status: jstore.StatusProductSelected}
		require.NoError(t, tx.CreateApplication(ctx, &p))
		require.NoError(t, tx.DeleteApplication(ctx, acct.ID, app.ID, app.Version))
		o := jstore.Order{ID: "atomic-ord", Account: acct.ID}
		require.NoError(t, tx.CreateOrder(ctx, &o))
		c := cert
		c.LockedBy = "atomic-app"
		require.NoError(t, tx.UpdateCertificate(ctx, &c))
		nc := jstore.Certificate{ID: "atomic-crt", Account: acct.ID, Status: jstore.CertIssued, SubscriptionEnd: t0}
		require.NoError(t, tx.CreateCertificate(ctx, &nc))
		require.NoError(t, tx.AppendEvent(ctx, &jstore.Event{Account: acct.ID, Type: jstore.EventOrderCompleted, Certificate: cert.ID}))
		q := jstore.Inquiry{ID: "atomic-inq", Account: acct.ID}
		require.NoError(t, tx.CreateInquiry(ctx, &q))
		return boom
	})
	require.ErrorIs(t, err, boom)
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.GetAccount(ctx, "atomic-acc")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		got, err := tx.GetAccountByLogin(ctx, acct.LoginID)
		require.NoError(t, err, "the rename was rolled back")
		assert.Equal(t, acct, got)
		_, err = tx.GetAccountByLogin(ctx, "atomic-renamed")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = tx.GetApplication(ctx, acct.ID, "atomic-app")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		gotApp, err := tx.GetApplication(ctx, acct.ID, app.ID)
		require.NoError(t, err, "the delete was rolled back")
		assert.Equal(t, app, gotApp)
		_, err = tx.GetOrder(ctx, acct.ID, "atomic-ord")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		gotCert, err := tx.GetCertificate(ctx, acct.ID, cert.ID)
		require.NoError(t, err)
		assert.Equal(t, cert, gotCert)
		_, err = tx.GetCertificate(ctx, acct.ID, "atomic-crt")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		_, err = tx.GetInquiry(ctx, acct.ID, "atomic-inq")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		ev, err := tx.ListEvents(ctx, acct.ID, "", jstore.ListOptions{})
		require.NoError(t, err)
		assert.Empty(t, ev.Items)
		apps, err := tx.ListApplications(ctx, acct.ID, jstore.ListOptions{})
		require.NoError(t, err)
		assert.Equal(t, []jstore.Application{app}, apps.Items)
		open, err := tx.CountOpenApplications(ctx, acct.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, open, "the counter was rolled back")
		renewable, err := tx.CountRenewable(ctx, acct.ID, t0, t0.Add(time.Nanosecond))
		require.NoError(t, err)
		assert.Equal(t, 1, renewable, "the index was rolled back")
		return nil
	})
}

func testViewReadOnly(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	ctx := t.Context()
	err := s.View(ctx, func(tx jstore.Tx) error {
		a := jstore.Application{ID: "ro", Account: acct.ID}
		return tx.CreateApplication(ctx, &a)
	})
	require.Error(t, err)
	view(t, s, func(ctx context.Context, tx jstore.Tx) error {
		_, err := tx.GetApplication(ctx, acct.ID, "ro")
		assert.ErrorIs(t, err, jstore.ErrNotFound)
		return nil
	})
}

func testBadPageOptions(t *testing.T, s jstore.Store) {
	acct := newAccount(t, s)
	ctx := t.Context()
	for _, opts := range []jstore.ListOptions{{Limit: -1}, {Limit: jstore.MaxPageLimit + 1}, {Cursor: "not a cursor"}} {
		err := s.View(ctx, func(tx jstore.Tx) error {
			_, err := tx.ListApplications(ctx, acct.ID, opts)
			return err
		})
		assert.ErrorIs(t, err, jstore.ErrInvalid, "%+v", opts)
	}
}
