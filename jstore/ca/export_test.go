package ca

import (
	"context"
	"time"
)

// SetSleep replaces the client's waiting, so retry tests can record waits instead of sleeping.
// A nil f restores the real wait.
func SetSleep(c *Client, f func(context.Context, time.Duration) error) {
	if f == nil {
		f = sleep
	}
	c.sleep = f
}

// SetClock replaces the client's clock, which the rate budget reads.
func SetClock(c *Client, now func() time.Time) { c.now = now }
