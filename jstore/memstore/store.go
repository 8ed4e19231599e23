package memstore

import (
	"context"
	"errors"
	"sync"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
)

var errReadOnly = errors.New("memstore: write in a read-only transaction")

// Store is an in-memory jstore.Store. The zero value is not usable; call New.
type Store struct {
	mu  sync.RWMutex
	seq int64 // creation order of every record and event

	accounts     map[jstore.AccountID]jstore.Account
	logins       map[string]jstore.AccountID
	applications table[jstore.ApplicationID, jstore.Application]
	orders       table[jstore.OrderID, jstore.Order]
	certificates table[jstore.CertificateID, jstore.Certificate]
	inquiries    table[jstore.InquiryID, jstore.Inquiry]
	allInquiries ordered[jstore.InquiryID]

	events     map[jstore.AccountID][]jstore.Event
	certEvents map[certKey][]int // positions into events[account]

	ordered  ordered[appRef]             // applications in StatusOrdered, across accounts
	caOrders map[jstore.CAOrderID]appRef // applications by the CA's order ID
	leases   map[string]lease            // Leaser
	slots    *ca.MemorySlots             // ca.SlotStore
	keys     map[keyRef][]byte           // keystore.Store

	cart        map[jstore.AccountID]*ordered[jstore.ApplicationID] // cart items in creation order
	renewable   map[jstore.AccountID]*endIndex[jstore.CertificateID]
	reissueDue  map[jstore.AccountID]*endIndex[jstore.CertificateID] // by ReissueDue, per account
	allReissues endIndex[jstore.CertificateID]                       // by ReissueDue, across accounts
	deploysDue  endIndex[jstore.CertificateID]                       // by DeployDue, across accounts
	deployed    map[jstore.AccountID]*[2]int                         // NotYetDeployed and ServedOther counts
	syncDue     endIndex[jstore.ApplicationID]                       // ordered applications by SyncDue, across accounts

	quoteNumbers map[string]int64 // last quote number per calendar day

	alerts     table[jstore.AlertID, jstore.Alert]
	openAlerts map[openRef]jstore.AlertID // the open alert of each cause
	alertsDue  endIndex[jstore.AlertID]   // by DeliveryDue, across accounts

	billsDue map[string]jstore.BillDue // jstore.BillingQueue, by key

	web     webState     // jstore.WebSessions
	billing billingState // billing.Store
}

type certKey struct {
	account jstore.AccountID
	cert    jstore.CertificateID
}

// appRef names an application across accounts.
type appRef struct {
	account jstore.AccountID
	id      jstore.ApplicationID
}

var (
	_ jstore.Store  = (*Store)(nil)
	_ jstore.Leaser = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{
		accounts:     map[jstore.AccountID]jstore.Account{},
		logins:       map[string]jstore.AccountID{},
		applications: newTable[jstore.ApplicationID, jstore.Application](),
		orders:       newTable[jstore.OrderID, jstore.Order](),
		certificates: newTable[jstore.CertificateID, jstore.Certificate](),
		inquiries:    newTable[jstore.InquiryID, jstore.Inquiry](),
		events:       map[jstore.AccountID][]jstore.Event{},
		certEvents:   map[certKey][]int{},
		caOrders:     map[jstore.CAOrderID]appRef{},
		leases:       map[string]lease{},
		slots:        ca.NewMemorySlots(),
		keys:         map[keyRef][]byte{},
		deployed:     map[jstore.AccountID]*[2]int{},
		cart:         map[jstore.AccountID]*ordered[jstore.ApplicationID]{},
		renewable:    map[jstore.AccountID]*endIndex[jstore.CertificateID]{},
		reissueDue:   map[jstore.AccountID]*endIndex[jstore.CertificateID]{},
		quoteNumbers: map[string]int64{},
		alerts:       newTable[jstore.AlertID, jstore.Alert](),
		openAlerts:   map[openRef]jstore.AlertID{},
		billsDue:     map[string]jstore.BillDue{},
	}
}

// Update runs fn in a read-write transaction, rolling back every change if fn fails or ctx is
// done before it commits.
func (s *Store) Update(ctx context.Context, fn func(tx jstore.Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := &tx{s: s}
	defer func() {
		if r := recover(); r != nil {
			tx.rollback()
			panic(r)
		}
	}()
	if err := fn(tx); err != nil {
		tx.rollback()
		return err
	}
	if err := ctx.Err(); err != nil {
		tx.rollback()
		return err
	}
	tx.done = true
	return nil
}

// View runs fn in a read-only transaction.
func (s *Store) View(ctx context.Context, fn func(tx jstore.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := &tx{s: s, readOnly: true}
	err := fn(t)
	t.done = true
	return err
}

// tx is one transaction: the store, under its lock, plus an undo log.
type tx struct {
	s        *Store
	readOnly bool
	done     bool
	undo     []func()
}

var errTxDone = errors.New("memstore: transaction used after it ended")

func (t *tx) check(ctx context.Context, write bool) error {
	if t.done {
		return errTxDone
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if write && t.readOnly {
		return errReadOnly
	}
	return nil
}

func (t *tx) rollback() {
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
	t.undo = nil
	t.done = true
}

func (t *tx) nextSeq() int64 {
	t.s.seq++
	seq := t.s.seq
	t.undo = append(t.undo, func() { t.s.seq = seq - 1 })
	return seq
}
