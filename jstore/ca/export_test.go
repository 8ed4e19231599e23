package ca

import (
	"context"
	"time"
)

// SetSleep replaces the client's waiting, so retry tests can record waits instead of sleeping.
func SetSleep(c *Client, f func(context.Context, time.Duration) error) { c.sleep = f }
