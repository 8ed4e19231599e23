package ca

import (
	"errors"
	"math/rand/v2"
	"time"
)

// RetryPolicy says how safe calls are retried: on 429 (after the wait the CA asks for), on
// 502, 503 and 504, and when no connection could be made. Calls that create something are
// retried only when the CA certainly did not act (429, or no connection was ever made).
// Every wait ends early when the context does.
type RetryPolicy struct {
	MaxAttempts int           // requests in all, the first included; 1 turns retries off
	BaseDelay   time.Duration // the first backoff; it doubles with each retry
	MaxDelay    time.Duration // the cap on one backoff
	// MaxRetryAfter caps a wait the CA asks for; a longer one ends the call with
	// ErrRateLimited at once instead of sleeping.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is four attempts, backoff from 500 ms up to 10 s, and waits asked by the
// CA of up to two minutes.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 10 * time.Second, MaxRetryAfter: 2 * time.Minute}
}

func (p RetryPolicy) validate() error {
	if p.MaxAttempts < 1 || p.BaseDelay < 0 || p.MaxDelay < p.BaseDelay || p.MaxRetryAfter < 0 {
		return errors.New("ca: WithRetry: want MaxAttempts ≥ 1 and 0 ≤ BaseDelay ≤ MaxDelay, MaxRetryAfter ≥ 0")
	}
	return nil
}

// backoff is the wait before retry number n (1 for the first retry): capped exponential with
// full jitter in its upper half, so that clients that failed together do not return together.
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}
