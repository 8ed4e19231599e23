package jstore

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// deadlineCA gives every call to the CA a deadline of its own (WithCATimeout), so a CA that
// accepts connections and never answers holds a customer's request or a Sync worker for that
// long at most. A create that runs out of time is ErrCAOutcomeUnknown, as any lost answer.
// It is also where each CA call is measured (WithMeterProvider) and traced (WithTracerProvider).
type deadlineCA struct {
	ca     CA
	d      time.Duration
	tel    *telemetry
	tracer trace.Tracer
}

// within runs call, the CA call route, under c's deadline, measured and traced.
func within[T any](ctx context.Context, c deadlineCA, route string, call func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, c.d)
	defer cancel()
	if c.tracer != nil {
		var span trace.Span
		ctx, span = c.tracer.Start(ctx, "jstore.ca", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attribute.String("route", route)))
		defer span.End()
		v, err := measured(ctx, c.tel, route, call)
		if err != nil {
			span.SetStatus(codes.Error, route)
		}
		return v, err
	}
	return measured(ctx, c.tel, route, call)
}

// measured runs call and records it.
func measured[T any](ctx context.Context, tel *telemetry, route string, call func(context.Context) (T, error)) (T, error) {
	if tel == nil {
		return call(ctx)
	}
	began := time.Now()
	v, err := call(ctx)
	tel.caCall(ctx, route, time.Since(began), err)
	return v, err
}

// none adapts a call that returns only an error to within.
func none(call func(context.Context) error) func(context.Context) (struct{}, error) {
	return func(ctx context.Context) (struct{}, error) { return struct{}{}, call(ctx) }
}

func (c deadlineCA) PlaceOrder(ctx context.Context, o CAOrder) (CAOrderID, error) {
	return within(ctx, c, "place_order", func(ctx context.Context) (CAOrderID, error) { return c.ca.PlaceOrder(ctx, o) })
}

func (c deadlineCA) OrderStatus(ctx context.Context, id CAOrderID) (CAStatus, error) {
	return within(ctx, c, "order_status", func(ctx context.Context) (CAStatus, error) { return c.ca.OrderStatus(ctx, id) })
}

func (c deadlineCA) Download(ctx context.Context, id CAOrderID) (CABundle, error) {
	return within(ctx, c, "download", func(ctx context.Context) (CABundle, error) { return c.ca.Download(ctx, id) })
}

func (c deadlineCA) Reissue(ctx context.Context, id CAOrderID, r CAReissue) error {
	_, err := within(ctx, c, "reissue", none(func(ctx context.Context) error { return c.ca.Reissue(ctx, id, r) }))
	return err
}

func (c deadlineCA) Renew(ctx context.Context, id CAOrderID, r CARenewal) error {
	_, err := within(ctx, c, "renew", none(func(ctx context.Context) error { return c.ca.Renew(ctx, id, r) }))
	return err
}

func (c deadlineCA) Revoke(ctx context.Context, id CAOrderID, reason RevocationReason) error {
	_, err := within(ctx, c, "revoke", none(func(ctx context.Context) error { return c.ca.Revoke(ctx, id, reason) }))
	return err
}

func (c deadlineCA) SiteSeal(ctx context.Context, id CAOrderID, style SealStyle) (string, error) {
	return within(ctx, c, "site_seal", func(ctx context.Context) (string, error) { return c.ca.SiteSeal(ctx, id, style) })
}

func (c deadlineCA) DomainVerifications(ctx context.Context, id CAOrderID) ([]CADomain, error) {
	return within(ctx, c, "domain_verifications", func(ctx context.Context) ([]CADomain, error) { return c.ca.DomainVerifications(ctx, id) })
}

func (c deadlineCA) VerifyDomainControl(ctx context.Context, id CAOrderID) error {
	_, err := within(ctx, c, "verify_domain_control", none(func(ctx context.Context) error { return c.ca.VerifyDomainControl(ctx, id) }))
	return err
}

func (c deadlineCA) ApproverEmails(ctx context.Context, id CAOrderID) ([]CAEmail, error) {
	return within(ctx, c, "approver_emails", func(ctx context.Context) ([]CAEmail, error) { return c.ca.ApproverEmails(ctx, id) })
}

func (c deadlineCA) ResendEmail(ctx context.Context, id CAOrderID, emailID int64) error {
	_, err := within(ctx, c, "resend_email", none(func(ctx context.Context) error { return c.ca.ResendEmail(ctx, id, emailID) }))
	return err
}

func (c deadlineCA) AddApproverAddress(ctx context.Context, id CAOrderID, address string) error {
	_, err := within(ctx, c, "add_approver_address", none(func(ctx context.Context) error { return c.ca.AddApproverAddress(ctx, id, address) }))
	return err
}

func (c deadlineCA) Cancel(ctx context.Context, id CAOrderID) error {
	_, err := within(ctx, c, "cancel", none(func(ctx context.Context) error { return c.ca.Cancel(ctx, id) }))
	return err
}

func (c deadlineCA) FindOrders(ctx context.Context, o CAOrder, since time.Time) ([]CAOrderID, error) {
	return within(ctx, c, "find_orders", func(ctx context.Context) ([]CAOrderID, error) { return c.ca.FindOrders(ctx, o, since) })
}

func (c deadlineCA) Ping(ctx context.Context) error {
	_, err := within(ctx, c, "ping", none(c.ca.Ping))
	return err
}

func (c deadlineCA) Environment() string { return c.ca.Environment() }

var _ CA = deadlineCA{}
