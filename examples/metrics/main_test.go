package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScrape: a scrape of the exporter shows the CA call CheckCA made, with its route and
// outcome, its latency, and the Sync pass's gauges, under Prometheus's names.
func TestScrape(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), "", &out))
	for _, want := range []string{
		`jstore_ca_calls_total{otel_scope_name="github.com/jstore-sdk/sdk/jstore",otel_scope_schema_url="",otel_scope_version="",outcome="ok",route="ping"} 1`,
		`jstore_ca_duration_seconds_count{otel_scope_name="github.com/jstore-sdk/sdk/jstore",otel_scope_schema_url="",otel_scope_version="",route="ping"} 1`,
		`jstore_sync_pending{`,
		`jstore_sync_reissues_due{`,
	} {
		assert.Contains(t, out.String(), want)
	}
}
