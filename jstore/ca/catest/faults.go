package catest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"
)

// FaultKind is what an injected fault does.
type FaultKind int

// Fault kinds. RateLimit and Status answer before the request is processed; Drop and Malformed
// process it first, which is the case a client cannot tell from success.
const (
	FaultRateLimit FaultKind = iota + 1 // 429 with retryAfterSec
	FaultStatus                         // Status (500, 502, 503 or 504) with an error body
	FaultLatency                        // wait Latency, then answer normally
	FaultDrop                           // process, then close the connection without an answer
	FaultMalformed                      // process, then answer with a truncated JSON body
)

// Fault is injected into a Share (0 to 1) of a route's requests.
type Fault struct {
	Kind          FaultKind
	Share         float64
	Status        int           // FaultStatus
	RetryAfterSec int           // FaultRateLimit; 1 when zero
	Latency       time.Duration // FaultLatency
}

// AllRoutes injects into every route.
const AllRoutes = "*"

// InjectFaults sets the faults of route op (an operationId such as "certificate_create", or
// AllRoutes), replacing earlier ones; the shares together must not exceed 1.
func (s *Server) InjectFaults(op string, faults ...Fault) error {
	var total float64
	for _, f := range faults {
		if f.Share < 0 || f.Kind < FaultRateLimit || f.Kind > FaultMalformed {
			return fmt.Errorf("catest: InjectFaults: bad fault %+v", f)
		}
		if f.Kind == FaultStatus && f.Status < 500 {
			return errors.New("catest: InjectFaults: a status fault needs a 5xx status")
		}
		total += f.Share
	}
	if total > 1 {
		return fmt.Errorf("catest: InjectFaults: shares add up to %.2f", total)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[op] = faults
	return nil
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
}

// draw counts a hit on op and picks the fault for it, if any.
func (s *Server) draw(op string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[op]++
	fs := s.faults[op]
	if fs == nil {
		fs = s.faults[AllRoutes]
	}
	if len(fs) == 0 {
		return nil
	}
	x := s.rng.Float64()
	for i := range fs {
		if x < fs[i].Share {
			return &fs[i]
		}
		x -= fs[i].Share
	}
	return nil
}

func (s *Server) apply(f *Fault, w http.ResponseWriter, r *http.Request, fn func(http.ResponseWriter, *http.Request)) {
	if f == nil {
		fn(w, r)
		return
	}
	switch f.Kind {
	case FaultRateLimit:
		writeJSON(w, http.StatusTooManyRequests, errorBody{Code: "RATE_LIMITED", Message: "Too many requests received within interval", RetryAfterSec: max(f.RetryAfterSec, 1)})
	case FaultStatus:
		writeError(w, f.Status, "INTERNAL_SERVER_ERROR", http.StatusText(f.Status), nil)
	case FaultLatency:
		select {
		case <-time.After(f.Latency):
			fn(w, r)
		case <-r.Context().Done():
		}
	case FaultDrop:
		fn(httptest.NewRecorder(), r)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // net/http closes the connection without an answer
	case FaultMalformed:
		rec := httptest.NewRecorder()
		fn(rec, r)
		body := rec.Body.Bytes()
		status := rec.Code
		if status == http.StatusNoContent || len(body) < 2 {
			status, body = http.StatusOK, []byte(`{"`)
		} else {
			body = body[:len(body)/2]
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}
