package jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// ErrDCVWaiting: a DV order waits at the CA for a domain validation that no publisher does for
// it; errors.As gives a *WaitingError.
var ErrDCVWaiting = errors.New("jstore: the order waits for its domain validation")

// WaitingError says a DV order has waited since Since for the customer to validate its domains
// (no publisher serves them; see WithPublishers).
type WaitingError struct {
	Application ApplicationID
	CAOrder     CAOrderID
	Method      DCVMethod
	Since       time.Time
}

func (e *WaitingError) Error() string {
	return fmt.Sprintf("jstore: application %s: CA order %s waits for domain validation (%s) since %s", e.Application, e.CAOrder, e.Method, e.Since.Format(time.RFC3339))
}

// Message says in lang what the order waits for and what to do.
func (e *WaitingError) Message(lang message.Lang) string {
	return waitingText.Render(lang, []message.Arg{arg("method", named(string(e.Method)))})
}

func (e *WaitingError) Unwrap() error { return ErrDCVWaiting }

var waitingText = message.Text{
	JA: "証明書の発行がドメイン認証（{method}）を待っています。ドメイン認証の手順のとおりに設定し、「今すぐ確認」を押してください。",
	EN: "the certificate waits for its domain validation ({method}): follow the domain validation steps, then press Check now",
}

// WithDCVWaitNotice sets how long a DV order may wait for a domain validation that no
// publisher does for it before Sync says so (default 1 hour): the customer once — a dcv.waiting
// event, for the panel's notifier — and staff in every pass that reads it (SyncReport.Issues,
// StepValidate, a *WaitingError). From then on Sync reads the order only every
// WithCallbackPolling (6 hours) instead of hourly: the customer's 今すぐ確認
// (RequestValidation) or a callback makes it due at once.
func WithDCVWaitNotice(after time.Duration) Option {
	return func(s *settings) error {
		if after <= 0 {
			return fmt.Errorf("jstore: WithDCVWaitNotice: want a positive duration, got %s", after)
		}
		s.ful.dcvNotice = after
		return nil
	}
}

// dcvWaiting reports a DV order that waits for its customer's domain validation past the
// notice, and tells the customer once. It returns the application as stored.
func (s *Service) dcvWaiting(ctx context.Context, app Application, rep *SyncReport) Application {
	p, ok := s.catalogue.Lookup(app.ProductCode)
	since := app.Placement.FirstAt
	now := s.now().UTC()
	if !ok || p.Level != LevelDV || since.IsZero() || now.Sub(since) < s.ful.dcvNotice {
		return app // an OV or EV order may wait for vetting, not for the customer
	}
	rep.issue(app, StepValidate, &WaitingError{Application: app.ID, CAOrder: app.CAOrderID, Method: app.DCV, Since: since})
	if !app.WaitingNoticeAt.IsZero() {
		return app
	}
	ev := Event{Type: EventDCVWaiting, Detail: map[string]string{"method": string(app.DCV), "since": since.Format(time.RFC3339)}}
	cur, err := s.editApplication(ctx, app, ev, func(a *Application) { a.WaitingNoticeAt = now })
	if err != nil {
		rep.issue(app, StepValidate, err)
		return app
	}
	return cur
}
