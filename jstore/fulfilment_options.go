package jstore

import (
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/tlscheck"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
	"log/slog"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jstore-sdk/sdk/dcv"
)

// fulfilment is how a Service with a CA orders and keeps in sync.
type fulfilment struct {
	ca          CA
	callbackURL string
	owner       string        // this Service's name in placements and leases
	lease       time.Duration // how long a placement's or a sync's right lasts
	roots       map[RootOption]*x509.CertPool
	backoff     [2]time.Duration // Sync's first and longest wait between two questions
	resolver    *net.Resolver    // the DCV preflight's DNS
	web         *http.Client     // the DCV preflight's HTTP
	keys        KeySource        // new CSRs for due reissues; nil: Sync only counts them
	// callbackSlots bounds the background re-reads the CA's callbacks start.
	callbackSlots chan struct{}
	seals         *sync.Map // sealKey → template.HTML
	hook          func(point string)
	mailer        Mailer
	mailFrom      string        // the sender of certificate mails
	caTimeout     time.Duration // each CA call's deadline
	syncDeadline  time.Duration // how long a Sync pass hands out work
	syncWorkers   int           // how many items a Sync pass works on at once
	publish       dcv.Publisher // DCV records and files Sync publishes itself; nil: the customer does
	callbackPoll  time.Duration // how often an order whose callbacks arrive is read anyway
	dcvNotice     time.Duration // how long a DV order waits for its customer's validation before they are told
	keyHolder     KeyHolder     // the keys deployers install
	deployers     map[string]deploy.Deployer
	checker       *tlscheck.Checker // proves what the targets serve (WithDeployChecks)
	checkAddrs    map[string]string
	// pendingDeadline is how long an order may wait at the CA before it is reported as
	// stalled and read once a day.
	pendingDeadline time.Duration
	log             *slog.Logger // background work; discards by default
	// notifiers are told of alerts (WithNotifiers), each under its name; nil: no alerts.
	notifiers     map[string]Notifier
	notifierNames []string
	expiryDays    []int         // AlertExpiring's thresholds, ascending
	notifyTimeout time.Duration // each notifier call's deadline
	meters        metric.MeterProvider
	tel           *telemetry   // nil: no metrics
	tracer        trace.Tracer // nil: no spans
	biller        Biller       // nil: nothing is billed
	basis         BillingBasis
}

func defaultFulfilment() fulfilment {
	return fulfilment{owner: newID("svc_"), lease: 10 * time.Minute, backoff: [2]time.Duration{time.Minute, time.Hour},
		resolver: net.DefaultResolver, web: &http.Client{Timeout: 10 * time.Second}, callbackSlots: make(chan struct{}, 4), seals: &sync.Map{},
		caTimeout: 30 * time.Second, syncDeadline: 5 * time.Minute, syncWorkers: 4, callbackPoll: 6 * time.Hour, dcvNotice: time.Hour, pendingDeadline: 30 * 24 * time.Hour, log: slog.New(slog.DiscardHandler),
		expiryDays: []int{1, 7, 14, 30}, notifyTimeout: 10 * time.Second}
}

// WithCA makes the Service order from the CA: CompleteOrder places each application at most
// once, and Sync follows it to a verified, recorded certificate. Without it the flow stops at
// StatusOrdered and RecordIssuance is called by hand.
func WithCA(ca CA) Option {
	return func(s *settings) error {
		if ca == nil {
			return errors.New("jstore: WithCA: nil CA")
		}
		s.ful.ca = ca
		return nil
	}
}

// WithCATimeout bounds each call to the CA, its retries included (default 30 s), so that a CA
// that accepts connections and never answers holds a customer's request or a Sync worker no
// longer. A call that runs out of time is ErrCAUnavailable, or ErrCAOutcomeUnknown for one that
// may have created something (Sync reconciles it).
func WithCATimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("jstore: WithCATimeout: want a positive duration, got %s", d)
		}
		s.ful.caTimeout = d
		return nil
	}
}

// WithSyncLimits bounds one Sync pass: it hands out work for at most deadline (default 5
// minutes) to at most workers goroutines at once (default 4); what is due after the deadline
// is counted in SyncReport.Left and left for the next pass. A pass ends at most one CA timeout
// after its deadline. The CA client's rate limit still spaces the calls of all workers.
func WithSyncLimits(deadline time.Duration, workers int) Option {
	return func(s *settings) error {
		if deadline <= 0 || workers <= 0 || workers > 64 {
			return fmt.Errorf("jstore: WithSyncLimits: want a positive deadline and 1 to 64 workers, got %s and %d", deadline, workers)
		}
		s.ful.syncDeadline, s.ful.syncWorkers = deadline, workers
		return nil
	}
}

// WithMailer lets [Service.SendCertificate] mail certificates through m, sent from the
// address from (the reseller's support address).
func WithMailer(m Mailer, from string) Option {
	return func(s *settings) error {
		if m == nil {
			return errors.New("jstore: WithMailer: nil Mailer")
		}
		a, err := mail.ParseAddress(from)
		if err != nil || strings.ContainsAny(from, "\r\n") {
			return fmt.Errorf("jstore: WithMailer: %q is not an e-mail address", from)
		}
		s.ful.mailer, s.ful.mailFrom = m, a.Address
		return nil
	}
}

// WithCallbackURL gives the CA the address of the panel's callback handler
// ([Service.CallbackHandler]), sent with every order.
func WithCallbackURL(raw string) Option {
	return func(s *settings) error {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || u.User != nil {
			return fmt.Errorf("jstore: WithCallbackURL: want an http or https URL with a host and no credentials, got %q", raw)
		}
		s.ful.callbackURL = raw
		return nil
	}
}

// WithInstanceName names this Service in placements and leases (default: random per Service).
// Give each process its own name.
func WithInstanceName(name string) Option {
	return func(s *settings) error {
		if name == "" || len(name) > 128 {
			return errors.New("jstore: WithInstanceName: want 1 to 128 bytes")
		}
		s.ful.owner = name
		return nil
	}
}

// WithPlacementLease sets how long a process holds the right to place an application, or to
// sync one, before another may take over should it have died (default 10 minutes). It must
// outlast one CA call with its retries.
func WithPlacementLease(d time.Duration) Option {
	return func(s *settings) error {
		if d < time.Second || d > 24*time.Hour {
			return fmt.Errorf("jstore: WithPlacementLease: want 1 s to 24 h, got %s", d)
		}
		s.ful.lease = d
		return nil
	}
}

// WithTrustedRoots sets the roots an issued chain must verify to, per root option. The default
// is the system's roots, which hold the CA's public roots; a test CA's roots go here.
func WithTrustedRoots(roots map[RootOption]*x509.CertPool) Option {
	return func(s *settings) error {
		for r, p := range roots {
			if p == nil || r != RootStarfield && r != RootGoDaddy {
				return fmt.Errorf("jstore: WithTrustedRoots: a pool for %q", r)
			}
		}
		s.ful.roots = roots
		return nil
	}
}

// WithSyncBackoff sets how long Sync waits before asking the CA about an order again: first,
// doubling up to longest (defaults: a minute, an hour).
func WithSyncBackoff(first, longest time.Duration) Option {
	return func(s *settings) error {
		if first <= 0 || longest < first {
			return fmt.Errorf("jstore: WithSyncBackoff: want 0 < first ≤ longest, got %s and %s", first, longest)
		}
		s.ful.backoff = [2]time.Duration{first, longest}
		return nil
	}
}

// WithCallbackPolling sets how often Sync reads an order whose callbacks reach the panel
// (default every 6 hours): a safety net for a callback lost on the way, since each callback
// makes the order due at once. Orders without callbacks keep WithSyncBackoff's pace.
func WithCallbackPolling(every time.Duration) Option {
	return func(s *settings) error {
		if every <= 0 {
			return fmt.Errorf("jstore: WithCallbackPolling: want a positive duration, got %s", every)
		}
		s.ful.callbackPoll = every
		return nil
	}
}

// WithDCVResolver sets the resolver the domain-control preflight looks up TXT and CAA records
// with (default: the system's). CAA queries go to the resolver's Dial when it has one.
func WithDCVResolver(r *net.Resolver) Option {
	return func(s *settings) error {
		if r == nil {
			return errors.New("jstore: WithDCVResolver: nil resolver")
		}
		s.ful.resolver = r
		return nil
	}
}

// WithDCVHTTPClient sets the client the domain-control preflight fetches validation files
// with (default: a 10 s timeout). It is copied; redirects to another host are never followed.
func WithDCVHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("jstore: WithDCVHTTPClient: nil client")
		}
		cp := *hc
		s.ful.web = &cp
		return nil
	}
}
