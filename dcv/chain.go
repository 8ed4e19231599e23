package dcv

import (
	"context"
	"errors"
)

// Chain is several publishers as one, such as a DNS publisher for the zones a panel hosts and a
// WebRoot for the sites it serves: a challenge goes to the first that serves its domain, and a
// publication is removed by the first that knows it.
type Chain []Publisher

var _ Publisher = Chain(nil)

// Publish asks each publisher in turn; ErrNotServed when none serves the domain.
func (c Chain) Publish(ctx context.Context, ch Challenge) (Publication, error) {
	for _, p := range c {
		pub, err := p.Publish(ctx, ch)
		if !errors.Is(err, ErrNotServed) {
			return pub, err
		}
	}
	return Publication{}, ErrNotServed
}

// Remove asks each publisher in turn; ErrNotServed when none knows the publication.
func (c Chain) Remove(ctx context.Context, pub Publication) error {
	for _, p := range c {
		if err := p.Remove(ctx, pub); !errors.Is(err, ErrNotServed) {
			return err
		}
	}
	return ErrNotServed
}
