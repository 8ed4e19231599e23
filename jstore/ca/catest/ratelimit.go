package catest

import (
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"
)

// WithRateLimit throttles the API as the CA does: a request that would be the (n+1)th within any
// span of per, on the wall clock, is answered 429 RATE_LIMITED with retryAfterSec, before it is
// processed. Throttled counts them. A sliding window is the strictest reading of "n a period":
// a client that never draws a 429 from it draws none from a fixed-window limiter either.
func WithRateLimit(n int, per time.Duration) Option {
	return func(c *config) error {
		if n <= 0 || per <= 0 {
			return fmt.Errorf("catest: WithRateLimit: want a positive count and period, got %d per %s", n, per)
		}
		c.limit = &window{n: n, per: per}
		return nil
	}
}

// window is a sliding-window log of the last n admitted requests.
type window struct {
	n         int
	per       time.Duration
	mu        sync.Mutex
	admitted  []time.Time // ring of the last n admission times
	next      int
	throttled int
}

// admit reports whether a request at now is within the limit and, if not, how long until it
// would be.
func (w *window) admit(now time.Time) (bool, time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.admitted) < w.n {
		w.admitted = append(w.admitted, now)
		return true, 0
	}
	oldest := w.admitted[w.next] // the nth admission back
	if until := oldest.Add(w.per).Sub(now); until > 0 {
		w.throttled++
		return false, until
	}
	w.admitted[w.next] = now
	w.next = (w.next + 1) % w.n
	return true, 0
}

// throttle answers 429 when the request is over the limit.
func (s *Server) throttle(w http.ResponseWriter) bool {
	if s.cfg.limit == nil {
		return false
	}
	ok, until := s.cfg.limit.admit(time.Now())
	if ok {
		return false
	}
	writeJSON(w, http.StatusTooManyRequests, errorBody{Code: "RATE_LIMITED", Message: "Too many requests received within interval",
		RetryAfterSec: int(math.Ceil(until.Seconds()))})
	return true
}

// Throttled is how many requests WithRateLimit answered 429.
func (s *Server) Throttled() int {
	if s.cfg.limit == nil {
		return 0
	}
	s.cfg.limit.mu.Lock()
	defer s.cfg.limit.mu.Unlock()
	return s.cfg.limit.throttled
}
