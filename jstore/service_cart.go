package jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// CartItem is one application in the cart.
type CartItem struct {
	Application Application
	Product     Product
	// Orderable is true once the application info is registered (登録済み（訂正）).
	Orderable bool
}

// Cart is the account's unordered applications and the figure on the 追加申請（更新） button:
// how many certificates can still be renewed.
type Cart struct {
	Items              []CartItem
	RenewableRemaining int
}

// Cart returns the account's cart. It reads the cart items from their own index, so its cost
// follows the cart, not the account's history.
func (s *Service) Cart(ctx context.Context, account AccountID) (Cart, error) {
	var cart Cart
	from, to := s.renewableRange(s.now())
	err := s.store.View(ctx, func(tx Tx) error {
		if _, err := tx.GetAccount(ctx, account); err != nil {
			return err
		}
		cart.Items = nil // a backend may run this function again
		opts := ListOptions{Limit: MaxPageLimit}
		for {
			page, err := tx.ListOpenApplications(ctx, account, opts)
			if err != nil {
				return err
			}
			for _, a := range page.Items {
				p, _ := s.catalogue.Lookup(a.ProductCode)
				cart.Items = append(cart.Items, CartItem{Application: a, Product: p, Orderable: a.Status == StatusInfoRegistered})
			}
			if page.Next == "" {
				break
			}
			opts.Cursor = page.Next
		}
		var err error
		cart.RenewableRemaining, err = tx.CountRenewable(ctx, account, from, to)
		return err
	})
	return cart, err
}

// maxOrderItems bounds one order.
const maxOrderItems = 100

var errNoPricer = errors.New("jstore: no pricer configured (use WithPricer)")

// CompleteOrder (注文完了) orders the given cart items at once: each must be a new or renewal
// application with its info registered, or the call fails with a *NotOrderableError naming the
// others and changes nothing. The order, its prices and the items' move to StatusOrdered are
// written in one transaction.
//
// With [WithCA], each application is then placed with the CA, at most once (see Sync for what
// follows). An application the CA refuses, or cannot be reached for, is back in the cart with
// its order line voided (an order.line_voided event records the refund due), and the error
// says which: a *ValidationError with code ca_refused carrying the CA's message, or an error
// matching ErrCAUnavailable. The returned Order is valid in every case. An answer the CA lost
// leaves the application ordered; Sync reconciles it. A customer never waits for the CA's rate
// limit: the calls go ahead of background work (see Interactive), and when the next slot is
// more than half a second away (ErrCABusy from the CA) the items not yet placed stay ordered
// without a CA order, and Sync places them.
func (s *Service) CompleteOrder(ctx context.Context, account AccountID, ids []ApplicationID) (Order, error) {
	if err := checkOrderIDs(ids); err != nil {
		return Order{}, err
	}
	if s.pricer == nil {
		return Order{}, errNoPricer
	}
	now := s.now().UTC()
	order := Order{ID: OrderID(newID("ord_")), Account: account, CreatedAt: now}
	err := s.store.Update(ctx, func(tx Tx) error {
		apps, pricing, err := s.priceOrder(ctx, tx, account, ids, now)
		if err != nil {
			return err
		}
		order.Subtotal, order.Tax, order.Total, order.TaxPercent = pricing.Subtotal, pricing.Tax, pricing.Total, pricing.TaxPercent
		order.Lines = orderLines(apps, pricing) // a backend may run this function again: set, never added to
		if err := tx.CreateOrder(ctx, &order); err != nil {
			return err
		}
		for i := range apps {
			apps[i].Status, apps[i].Order, apps[i].UpdatedAt = StatusOrdered, order.ID, now
		}
		if err := updateApplications(ctx, tx, apps); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: EventOrderCompleted, Order: order.ID,
			Detail: map[string]string{"items": strconv.Itoa(len(apps)), "total": strconv.FormatInt(order.Total, 10)}})
	})
	if err != nil {
		return Order{}, err
	}
	s.billNow(ctx, BillOnOrder, invoiceKey(order.ID)) // before placing: a line voided then is credited against it
	if s.ful.ca == nil {
		return order, nil
	}
	return order, s.placeAll(ctx, account, ids)
}

// priceOrder reads the applications with ids and prices them as an order now: each must be a
// new or renewal application with its info registered (else a *NotOrderableError naming the
// others) and still valid to order.
func (s *Service) priceOrder(ctx context.Context, tx Tx, account AccountID, ids []ApplicationID, now time.Time) ([]Application, Pricing, error) {
	acct, err := tx.GetAccount(ctx, account)
	if err != nil {
		return nil, Pricing{}, err
	}
	apps, err := getApplications(ctx, tx, account, ids)
	if err != nil {
		return nil, Pricing{}, err
	}
	items := make([]PriceItem, len(ids))
	var refused []ApplicationID
	for i, id := range ids {
		a := apps[i]
		if a.Status != StatusInfoRegistered || a.Kind == AppReissue {
			refused = append(refused, id)
			continue
		}
		p, ok := s.catalogue.Lookup(a.ProductCode)
		if !ok {
			refused = append(refused, id)
			continue
		}
		if err := s.stillValid(ctx, tx, a, now); err != nil {
			return nil, Pricing{}, err
		}
		items[i] = PriceItem{Application: id, Product: p, Term: a.Term, SANSlots: a.SANSlots, Kind: a.Kind}
	}
	if len(refused) > 0 {
		return nil, Pricing{}, &NotOrderableError{Applications: refused}
	}
	pricing, err := s.pricer.Price(ctx, acct, items)
	if err != nil {
		return nil, Pricing{}, err
	}
	return apps, pricing, pricing.check(len(items))
}

// orderLines are the order's lines for apps at pricing's amounts.
func orderLines(apps []Application, pricing Pricing) []OrderLine {
	lines := make([]OrderLine, 0, len(apps))
	for i, a := range apps {
		lines = append(lines, OrderLine{Application: a.ID, CommonName: a.CommonName, ProductCode: a.ProductCode, Kind: a.Kind, Term: a.Term, SANSlots: a.SANSlots, Amount: pricing.Amounts[i]})
	}
	return lines
}

// OrderPreview is what CompleteOrder would charge for the same items now, for the 確認 page a
// customer sees before 注文完了: each line's amount before tax, the subtotal, the tax at
// TaxPercent and the total.
type OrderPreview struct {
	Lines      []OrderLine
	Subtotal   int64
	Tax        int64
	Total      int64
	TaxPercent int
}

// PreviewOrder prices the items as CompleteOrder would — the same checks and the same errors —
// and writes nothing.
func (s *Service) PreviewOrder(ctx context.Context, account AccountID, ids []ApplicationID) (OrderPreview, error) {
	if err := checkOrderIDs(ids); err != nil {
		return OrderPreview{}, err
	}
	if s.pricer == nil {
		return OrderPreview{}, errNoPricer
	}
	var p OrderPreview
	err := s.store.View(ctx, func(tx Tx) error {
		apps, pricing, err := s.priceOrder(ctx, tx, account, ids, s.now().UTC())
		if err != nil {
			return err
		}
		p = OrderPreview{Lines: orderLines(apps, pricing), Subtotal: pricing.Subtotal, Tax: pricing.Tax, Total: pricing.Total, TaxPercent: pricing.TaxPercent}
		return nil
	})
	return p, err
}

// checkOrderIDs refuses an empty, too long or repeating list of items.
func checkOrderIDs(ids []ApplicationID) error {
	if len(ids) == 0 || len(ids) > maxOrderItems {
		return invalid("order_items", "applications", arg("min", count(1, message.Items)), arg("max", count(maxOrderItems, message.Items)))
	}
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return invalid("order_duplicate", "applications")
		}
	}
	return nil
}

// getApplications reads the account's applications with ids, in one round trip when the
// store can.
func getApplications(ctx context.Context, tx Tx, account AccountID, ids []ApplicationID) ([]Application, error) {
	if b, ok := tx.(ApplicationBatcher); ok {
		return b.GetApplications(ctx, account, ids)
	}
	apps := make([]Application, len(ids))
	for i, id := range ids {
		var err error
		if apps[i], err = tx.GetApplication(ctx, account, id); err != nil {
			return nil, err
		}
	}
	return apps, nil
}

// updateApplications writes apps, in one round trip when the store can.
func updateApplications(ctx context.Context, tx Tx, apps []Application) error {
	if b, ok := tx.(ApplicationBatcher); ok {
		return b.UpdateApplications(ctx, apps)
	}
	for i := range apps {
		if err := tx.UpdateApplication(ctx, &apps[i]); err != nil {
			return err
		}
	}
	return nil
}

// placeWhileWaiting is the longest CompleteOrder lets a customer wait for the CA's rate limit
// before it leaves the placing of an order's remaining items to Sync.
const placeWhileWaiting = 500 * time.Millisecond

// placeAll places each application, gathering the CA's refusals into one *ValidationError, as
// a person's calls (ahead of background work) while the CA's rate limit has a slot for each
// within placeWhileWaiting; the rest stay ordered for Sync to place.
func (s *Service) placeAll(ctx context.Context, account AccountID, ids []ApplicationID) error {
	ctx = interactive(ctx, placeWhileWaiting)
	var refused ValidationError
	var errs []error
	for _, id := range ids {
		outcome, err := s.place(ctx, account, id, true)
		if outcome == placeDeferred {
			break // the rest stay ordered; Sync places them, at the CA's pace, not the customer's
		}
		if outcome == placePlaced && s.ful.publish != nil {
			s.syncSoon(account, id) // publish and ask the CA to validate, in the background
		}
		var ve *ValidationError
		switch {
		case errors.As(err, &ve):
			refused.Problems = append(refused.Problems, ve.Problems...)
		case err != nil:
			errs = append(errs, err)
		}
	}
	if len(refused.Problems) > 0 {
		errs = append(errs, &refused)
	}
	return errors.Join(errs...)
}

// stillValid re-checks, at ordering, the rules that time can break after the steps were
// registered: the approver e-mail sunset and, for a renewal, the renewal window.
func (s *Service) stillValid(ctx context.Context, tx Tx, a Application, now time.Time) error {
	if err := checkStep2(Step2{DCV: a.DCV, ApproverEmail: a.ApproverEmail, Root: a.Root}, a.names(), now); err != nil {
		return fmt.Errorf("jstore: application %s: %w", a.ID, err)
	}
	if a.Kind != AppRenewal {
		return nil
	}
	c, err := tx.GetCertificate(ctx, a.Account, a.Certificate)
	if err != nil {
		return err
	}
	if !s.RenewalWindowFor(c.SubscriptionEnd).Contains(now) {
		return &StateError{Kind: KindOutsideWindow, Record: string(a.ID), Code: "window_closed", Args: []message.Arg{arg("certificate", message.Literal(c.ID))}}
	}
	return nil
}

// GetOrder returns one order.
func (s *Service) GetOrder(ctx context.Context, account AccountID, id OrderID) (Order, error) {
	var o Order
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		o, err = tx.GetOrder(ctx, account, id)
		return err
	})
	return o, err
}

// ListOrders pages the account's orders in creation order.
func (s *Service) ListOrders(ctx context.Context, account AccountID, opts ListOptions) (Page[Order], error) {
	var p Page[Order]
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ListOrders(ctx, account, opts)
		return err
	})
	return p, err
}
