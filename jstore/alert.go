package jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"time"

	"github.com/jstore-sdk/sdk/message"
)

// AlertKind names what an alert is about.
type AlertKind string

// The alerts the Service raises. Each is raised once per cause (its Key) and cleared when the
// cause is gone; a cause that comes back after it was cleared is a new alert.
const (
	AlertIssuanceFailed   AlertKind = "issuance_failed"   // the CA ended an order before issuing it
	AlertIssuanceFlagged  AlertKind = "issuance_flagged"  // what the CA issued failed verification; staff must look
	AlertReissueFailed    AlertKind = "reissue_failed"    // Sync could not start a due reissue (the CA refused it, the KeySource failed)
	AlertValidationFailed AlertKind = "validation_failed" // a publisher could not publish a DCV record or file
	AlertDCVWaiting       AlertKind = "dcv_waiting"       // a DV order has waited for its validation longer than WithDCVWaitNotice
	AlertDeployFailed     AlertKind = "deploy_failed"     // a deployment to a target failed
	AlertServedOther      AlertKind = "served_other"      // a target's live site serves something else
	AlertExpiring         AlertKind = "expiring"          // what a target serves expires within a threshold and was not replaced in time
	AlertCACredentials    AlertKind = "ca_credentials"    // CheckCA found the CA refusing the API credentials
)

// AlertID identifies one alert: the ID a webhook receiver de-duplicates on.
type AlertID string

// Alert is one cause that needs a person, from the moment the Service saw it until it is gone.
type Alert struct {
	ID      AlertID
	Account AccountID // "" for the panel's own (the CA's credentials), which go to staff only
	// Key is the cause: the kind and what it is about. At most one alert per account and key
	// is open at a time.
	Key         string
	Kind        AlertKind
	Application ApplicationID
	Certificate CertificateID
	Target      string   // the deployment target
	Names       []string // the certificate's or application's names
	Code        string   // the cause's code: a FlagError's, a deploy.Error's, tlscheck's, dcv's
	Reason      AlertReason
	RaisedAt    time.Time
	ClearedAt   time.Time // zero while the cause lasts
	// Deliveries says, per notifier, what was sent and what is still to send.
	Deliveries []AlertDelivery
	Version    int64
}

// AlertDelivery is one notifier's part of an alert.
type AlertDelivery struct {
	Notifier  string
	Raised    time.Time // when the notifier took the alert; zero until then
	Cleared   time.Time // when it took the clearing; zero until then, or when it needs none
	Attempts  int       // failures in a row
	NextTry   time.Time
	LastError string
}

// AlertReason says what happened, in both languages.
type AlertReason struct{ JA, EN string }

// In is the reason in lang.
func (r AlertReason) In(lang message.Lang) string {
	if lang == message.English {
		return r.EN
	}
	return r.JA
}

// reasonOf words err in both languages.
func reasonOf(err error) AlertReason {
	return AlertReason{JA: ErrorMessage(err, message.Japanese), EN: ErrorMessage(err, message.English)}
}

// Open reports whether the cause lasts.
func (a Alert) Open() bool { return a.ClearedAt.IsZero() }

// DeliveryDue is when Sync next hands the alert to a notifier that has not taken its part:
// the raising, and once cleared the clearing. ok is false when nothing is left to send.
func (a Alert) DeliveryDue() (due time.Time, ok bool) {
	for _, d := range a.Deliveries {
		if !d.Raised.IsZero() && (a.Open() || !d.Cleared.IsZero()) {
			continue
		}
		if !ok || d.NextTry.Before(due) {
			due, ok = d.NextTry, true
		}
	}
	return due, ok
}

// Notice is what a notifier is given: the alert, whether it tells of its clearing, and the
// account's contact when the alert is a customer's.
type Notice struct {
	Alert   Alert
	Cleared bool
	// Customer is the account's contact data and language; nil for the panel's own alerts.
	Customer *CustomerInfo
}

// Notifier tells people of alerts: by e-mail, by webhook (package notify), or however the
// panel likes. Notify must be safe for concurrent use. An error makes Sync try again after a
// back-off; a notifier that has nothing to say about a notice (an e-mail notifier and a
// clearing, say) returns nil.
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// ErrNoAlertStore is Sync's error when notifiers are configured and the store keeps no
// alerts (its transactions are not AlertOutboxes).
var ErrNoAlertStore = errors.New("jstore: the store keeps no alerts (jstore.AlertOutbox)")

// notifierName is what a notifier may be called: it names its deliveries in the store.
var notifierName = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,31}$`)

// WithNotifiers makes the Service raise alerts and Sync hand each to every notifier, by name
// (e.g. "mail", "webhook"), once when raised and once when cleared, retrying a failure after
// the back-off (WithSyncBackoff). Alerts live in the store beside the causes that raise them,
// so none is lost to a crash and none is raised twice.
func WithNotifiers(notifiers map[string]Notifier) Option {
	return func(s *settings) error {
		if len(notifiers) == 0 {
			return errors.New("jstore: WithNotifiers: no notifier")
		}
		for name, n := range notifiers {
			if !notifierName.MatchString(name) || n == nil {
				return fmt.Errorf("jstore: WithNotifiers: %q: a notifier needs a name of lower-case letters, digits, . _ - and a value", name)
			}
		}
		s.ful.notifiers = notifiers
		s.ful.notifierNames = slices.Sorted(maps.Keys(notifiers))
		return nil
	}
}

// WithExpiryAlerts sets the thresholds, in days before a served certificate's end, at which
// Sync's live checks (WithDeployChecks) raise AlertExpiring (default 30, 14, 7, 1). A
// threshold that falls before the certificate's planned reissue is passed over: a
// certificate is late only once its replacement was due.
func WithExpiryAlerts(days ...int) Option {
	return func(s *settings) error {
		if len(days) == 0 {
			return errors.New("jstore: WithExpiryAlerts: no threshold")
		}
		for _, d := range days {
			if d < 1 || d > 365 {
				return fmt.Errorf("jstore: WithExpiryAlerts: %d days is not between 1 and 365", d)
			}
		}
		s.ful.expiryDays = slices.Compact(slices.Sorted(slices.Values(days)))
		return nil
	}
}

// WithNotifyTimeout bounds each notifier call (default 10 s), so that a slow webhook holds a
// Sync pass for no longer.
func WithNotifyTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return errors.New("jstore: WithNotifyTimeout: the timeout must be positive")
		}
		s.ful.notifyTimeout = d
		return nil
	}
}

// Alerts lists the account's alerts in the order raised, open and cleared, with what each
// notifier was told; the account "" lists the panel's own, for staff. ErrNoAlertStore when the
// store keeps no alerts.
func (s *Service) Alerts(ctx context.Context, account AccountID, opts ListOptions) (Page[Alert], error) {
	var p Page[Alert]
	err := s.store.View(ctx, func(tx Tx) error {
		ob, ok := tx.(AlertOutbox)
		if !ok {
			return ErrNoAlertStore
		}
		if account != "" {
			if _, err := tx.GetAccount(ctx, account); err != nil {
				return err
			}
		}
		var err error
		p, err = ob.ListAlerts(ctx, account, opts)
		return err
	})
	return p, err
}
