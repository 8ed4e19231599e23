package memstore

import (
	"maps"
	"slices"

	"github.com/jstore-sdk/sdk/jstore"
)

// Records are copied at the boundary so that neither side can change the other's slices or maps.

func cloneApp(a jstore.Application) jstore.Application {
	a.SANs = slices.Clone(a.SANs)
	a.CSRWarnings = slices.Clone(a.CSRWarnings)
	a.Published = slices.Clone(a.Published)
	return a
}

func cloneOrder(o jstore.Order) jstore.Order {
	o.Lines = slices.Clone(o.Lines)
	return o
}

func cloneCert(c jstore.Certificate) jstore.Certificate {
	c.SANs = slices.Clone(c.SANs)
	c.Deployments = slices.Clone(c.Deployments)
	for i := range c.Deployments {
		c.Deployments[i].Problems = slices.Clone(c.Deployments[i].Problems)
	}
	return c
}

func cloneEvent(e jstore.Event) jstore.Event {
	e.Detail = maps.Clone(e.Detail)
	return e
}
