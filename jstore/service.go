package jstore

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
	_ "time/tzdata" // Asia/Tokyo must load on machines without a zone database
)

// Service is the portal's workflow over a Store. It is safe for concurrent use.
type Service struct {
	store     Store
	now       func() time.Time
	loc       *time.Location
	catalogue *Catalogue
	checker   CSRChecker
	pricer    Pricer
	window    RenewalWindow
	hasher    passwordHasher
	ful       fulfilment
}

// RenewalWindow is the span, in calendar days of the configured zone, in which a certificate
// may be renewed: from Before days before its subscription end through After days after it.
type RenewalWindow struct {
	Before int
	After  int
}

type settings struct {
	now       func() time.Time
	loc       *time.Location
	catalogue *Catalogue
	checker   CSRChecker
	pricer    Pricer
	window    RenewalWindow
	argon     Argon2Params
	hashSlots int
	ful       fulfilment
}

// Option configures a Service.
type Option func(*settings) error

// WithClock sets the clock every rule reads. The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *settings) error {
		if now == nil {
			return errors.New("jstore: WithClock: nil clock")
		}
		s.now = now
		return nil
	}
}

// WithLocation sets the zone of customer-facing calendar days. The default is Asia/Tokyo.
func WithLocation(loc *time.Location) Option {
	return func(s *settings) error {
		if loc == nil {
			return errors.New("jstore: WithLocation: nil location")
		}
		s.loc = loc
		return nil
	}
}

// WithCatalogue replaces the default catalogue.
func WithCatalogue(c *Catalogue) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("jstore: WithCatalogue: nil catalogue")
		}
		s.catalogue = c
		return nil
	}
}

// WithCSRChecker replaces the default checker, [CSRPolicyChecker] with the zero csr.Policy;
// pass a CSRPolicyChecker with another Base to change key sizes, Fermat rounds or a blocklist.
func WithCSRChecker(c CSRChecker) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("jstore: WithCSRChecker: nil checker")
		}
		s.checker = c
		return nil
	}
}

// WithPricer sets how orders are priced. Without it, CompleteOrder fails: a portal must not
// sell at a made-up price.
func WithPricer(p Pricer) Option {
	return func(s *settings) error {
		if p == nil {
			return errors.New("jstore: WithPricer: nil pricer")
		}
		s.pricer = p
		return nil
	}
}

// WithRenewalWindow sets the renewal window. The default is 60 days before through 30 after.
func WithRenewalWindow(w RenewalWindow) Option {
	return func(s *settings) error {
		if w.Before < 0 || w.After < 0 || w.Before > 366 || w.After > 366 {
			return fmt.Errorf("jstore: WithRenewalWindow: days must be 0 to 366, got %+v", w)
		}
		s.window = w
		return nil
	}
}

// WithArgon2Params sets the password hashing cost. The default follows RFC 9106's second
// recommended option (3 passes, 64 MiB).
func WithArgon2Params(p Argon2Params) Option {
	return func(s *settings) error {
		if err := p.validate(); err != nil {
			return err
		}
		s.argon = p
		return nil
	}
}

// WithPasswordHashConcurrency sets how many argon2id runs (registration, login, password change)
// may be under way at once; the others wait. Each run holds the memory cost of the parameters
// (64 MiB by default), so this bounds the memory logins can take. The default is GOMAXPROCS:
// more runs at once would only share the same cores.
func WithPasswordHashConcurrency(n int) Option {
	return func(s *settings) error {
		if n < 1 {
			return fmt.Errorf("jstore: WithPasswordHashConcurrency: want at least 1, got %d", n)
		}
		s.hashSlots = n
		return nil
	}
}

// New returns a Service over store.
func New(store Store, opts ...Option) (*Service, error) {
	if store == nil {
		return nil, errors.New("jstore: New: nil store")
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		return nil, fmt.Errorf("jstore: New: %w", err)
	}
	s := settings{
		now:       time.Now,
		loc:       tokyo,
		window:    RenewalWindow{Before: 60, After: 30},
		argon:     DefaultArgon2Params(),
		hashSlots: runtime.GOMAXPROCS(0),
		ful:       defaultFulfilment(),
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("jstore: New: nil option")
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	if s.catalogue == nil {
		s.catalogue = DefaultCatalogue()
	}
	if s.checker == nil {
		s.checker = CSRPolicyChecker{}
	}
	if s.ful.meters != nil {
		tel, err := newTelemetry(s.ful.meters, s.ful.notifierNames, store)
		if err != nil {
			return nil, fmt.Errorf("jstore: WithMeterProvider: %w", err)
		}
		s.ful.tel = tel
	}
	if s.ful.ca != nil {
		s.ful.ca = deadlineCA{ca: s.ful.ca, d: s.ful.caTimeout, tel: s.ful.tel, tracer: s.ful.tracer}
	}
	return &Service{
		store: store, now: s.now, loc: s.loc, catalogue: s.catalogue, checker: s.checker,
		pricer: s.pricer, window: s.window, hasher: newPasswordHasher(s.argon, s.hashSlots), ful: s.ful,
	}, nil
}

// Catalogue returns the products on sale.
func (s *Service) Catalogue() *Catalogue { return s.catalogue }

// Location returns the zone of customer-facing calendar days.
func (s *Service) Location() *time.Location { return s.loc }

// event appends a history entry stamped with the clock, raises or clears the alerts it is the
// cause or the end of (WithNotifiers), and notes the bill it makes due (WithBiller).
func (s *Service) event(ctx context.Context, tx Tx, e Event) error {
	e.At = s.now().UTC()
	if err := tx.AppendEvent(ctx, &e); err != nil {
		return err
	}
	if err := s.alertOn(ctx, tx, e); err != nil {
		return err
	}
	return s.billOn(ctx, tx, e)
}
