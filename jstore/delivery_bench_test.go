package jstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// heldCA answers Download with a bundle fetched once, so a benchmark measures the SDK's own work.
type heldCA struct {
	jstore.CA
	bundle jstore.CABundle
}

func (c heldCA) Download(context.Context, jstore.CAOrderID) (jstore.CABundle, error) {
	return c.bundle, nil
}

// BenchmarkDownload delivers the full chain of an issued certificate: "sdk" is the SDK's work
// alone (read the record, parse and verify the chain against it, pack the PEM, record the
// event) with the CA's bundle held in memory; "via-simulator" adds the HTTP round trip to the
// in-process CA.
func BenchmarkDownload(b *testing.B) {
	rig := newCARig(b, catest.WithAutoApprove())
	svc := rig.service(b)
	ctx := b.Context()
	acct := rig.f.account(b, "bench")
	app := registeredWith(b, svc, acct, dv1, jstore.Step1{CSR: testkit.CSR(b, nil, "www.example.jp"), Organization: org}, jstore.DCVDNS)
	_, cert := orderedAndIssued(b, svc, acct, app)
	bundle, err := rig.adapter.Download(ctx, cert.CAOrderID)
	require.NoError(b, err)

	for _, run := range []struct {
		name string
		svc  *jstore.Service
	}{
		{"sdk", rig.service(b, jstore.WithCA(heldCA{CA: rig.adapter, bundle: bundle}))},
		{"via-simulator", svc},
	} {
		b.Run(run.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := run.svc.Download(ctx, acct, cert.ID, jstore.FormatChain); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
