package jstore

import (
	"context"
	"time"
)

// deadlineCA gives every call to the CA a deadline of its own (WithCATimeout), so a CA that
// accepts connections and never answers holds a customer's request or a Sync worker for that
// long at most. A create that runs out of time is ErrCAOutcomeUnknown, as any lost answer.
type deadlineCA struct {
	ca CA
	d  time.Duration
}

// within runs call under the deadline.
func within[T any](ctx context.Context, d time.Duration, call func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return call(ctx)
}

// none adapts a call that returns only an error to within.
func none(call func(context.Context) error) func(context.Context) (struct{}, error) {
	return func(ctx context.Context) (struct{}, error) { return struct{}{}, call(ctx) }
}

func (c deadlineCA) PlaceOrder(ctx context.Context, o CAOrder) (CAOrderID, error) {
	return within(ctx, c.d, func(ctx context.Context) (CAOrderID, error) { return c.ca.PlaceOrder(ctx, o) })
}

func (c deadlineCA) OrderStatus(ctx context.Context, id CAOrderID) (CAStatus, error) {
	return within(ctx, c.d, func(ctx context.Context) (CAStatus, error) { return c.ca.OrderStatus(ctx, id) })
}

func (c deadlineCA) Download(ctx context.Context, id CAOrderID) (CABundle, error) {
	return within(ctx, c.d, func(ctx context.Context) (CABundle, error) { return c.ca.Download(ctx, id) })
}

func (c deadlineCA) Reissue(ctx context.Context, id CAOrderID, r CAReissue) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.Reissue(ctx, id, r) }))
	return err
}

func (c deadlineCA) Renew(ctx context.Context, id CAOrderID, r CARenewal) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.Renew(ctx, id, r) }))
	return err
}

func (c deadlineCA) Revoke(ctx context.Context, id CAOrderID, reason RevocationReason) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.Revoke(ctx, id, reason) }))
	return err
}

func (c deadlineCA) SiteSeal(ctx context.Context, id CAOrderID, style SealStyle) (string, error) {
	return within(ctx, c.d, func(ctx context.Context) (string, error) { return c.ca.SiteSeal(ctx, id, style) })
}

func (c deadlineCA) DomainVerifications(ctx context.Context, id CAOrderID) ([]CADomain, error) {
	return within(ctx, c.d, func(ctx context.Context) ([]CADomain, error) { return c.ca.DomainVerifications(ctx, id) })
}

func (c deadlineCA) VerifyDomainControl(ctx context.Context, id CAOrderID) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.VerifyDomainControl(ctx, id) }))
	return err
}

func (c deadlineCA) ApproverEmails(ctx context.Context, id CAOrderID) ([]CAEmail, error) {
	return within(ctx, c.d, func(ctx context.Context) ([]CAEmail, error) { return c.ca.ApproverEmails(ctx, id) })
}

func (c deadlineCA) ResendEmail(ctx context.Context, id CAOrderID, emailID int64) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.ResendEmail(ctx, id, emailID) }))
	return err
}

func (c deadlineCA) AddApproverAddress(ctx context.Context, id CAOrderID, address string) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.AddApproverAddress(ctx, id, address) }))
	return err
}

func (c deadlineCA) Cancel(ctx context.Context, id CAOrderID) error {
	_, err := within(ctx, c.d, none(func(ctx context.Context) error { return c.ca.Cancel(ctx, id) }))
	return err
}

func (c deadlineCA) FindOrders(ctx context.Context, o CAOrder, since time.Time) ([]CAOrderID, error) {
	return within(ctx, c.d, func(ctx context.Context) ([]CAOrderID, error) { return c.ca.FindOrders(ctx, o, since) })
}

func (c deadlineCA) Ping(ctx context.Context) error {
	_, err := within(ctx, c.d, none(c.ca.Ping))
	return err
}

func (c deadlineCA) Environment() string { return c.ca.Environment() }

var _ CA = deadlineCA{}
