package jstore

import (
	"errors"
	"fmt"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// ErrOrderStalled: an order has waited at the CA longer than WithPendingDeadline allows;
// errors.As gives a *StalledError.
var ErrOrderStalled = errors.New("jstore: the order has not progressed at the CA")

// StalledError says an order has been pending at the CA since Since: validation never
// happened, or vetting stopped. Sync reads it once a day from then on, and reports it in every
// pass that does.
type StalledError struct {
	Application ApplicationID
	CAOrder     CAOrderID
	Since       time.Time
	Days        int
}

func (e *StalledError) Error() string {
	return fmt.Sprintf("jstore: application %s: CA order %s has been pending for %d days", e.Application, e.CAOrder, e.Days)
}

// Message says in lang how long the order has waited and what to do.
func (e *StalledError) Message(lang message.Lang) string {
	return stalledText.Render(lang, []message.Arg{arg("days", count(e.Days, message.Days))})
}

func (e *StalledError) Unwrap() error { return ErrOrderStalled }

var stalledText = message.Text{
	JA: "注文から{days}が経ちましたが、認証局での手続きが進んでいません。ドメイン認証の状態を確認してください。",
	EN: "the order has waited at the CA for {days}; check its domain validation",
}

// WithPendingDeadline sets how long an order may wait at the CA (default 30 days) before Sync
// reports it as stalled and reads it only once a day.
func WithPendingDeadline(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("jstore: WithPendingDeadline: want a positive duration, got %s", d)
		}
		s.ful.pendingDeadline = d
		return nil
	}
}

// stalled returns the error of an order pending past the deadline at now, or nil.
func (s *Service) stalled(app Application, now time.Time) *StalledError {
	since := app.Placement.FirstAt
	if since.IsZero() || now.Sub(since) <= s.ful.pendingDeadline {
		return nil
	}
	return &StalledError{Application: app.ID, CAOrder: app.CAOrderID, Since: since, Days: int(now.Sub(since) / (24 * time.Hour))}
}
