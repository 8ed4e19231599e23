package jstore

import "time"

// Order is the applications completed together, with their prices in integer yen.
type Order struct {
	ID       OrderID
	Account  AccountID
	Lines    []OrderLine
	Subtotal int64
	Tax      int64
	Total    int64
	// TaxPercent is the consumption tax rate Tax is at (0 on orders stored before it was kept).
	TaxPercent int
	CreatedAt  time.Time
	Version    int64
}

// OrderLine is one ordered application and its price excluding tax. CommonName is the
// application's domain as ordered (empty on orders stored before it was kept).
type OrderLine struct {
	Application ApplicationID
	CommonName  string
	ProductCode string
	Kind        ApplicationKind
	Term        int
	SANSlots    int
	Amount      int64
}
