package memstore_test

import (
	"testing"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/jstore/storetest"
	"github.com/jstore-sdk/sdk/quote"
)

// jstore.QuoteNumberer over any Store is a quote.Numberer.
var _ quote.Numberer = jstore.QuoteNumberer{}

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) jstore.Store { return memstore.New() })
}
