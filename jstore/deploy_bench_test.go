package jstore_test

import (
	"context"
	"crypto"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/memstore"
)

// BenchmarkSyncPassNothingToDeploy is a Sync pass over 1,000, 10,000 and 100,000 issued
// certificates, each deployed to a target already (memstore, deployers configured, no CA work
// due): its time should not grow with the certificates held, and no deployer is called.
//
//	go test ./jstore -run '^$' -bench SyncPassNothingToDeploy -benchtime 200x -count 3
func BenchmarkSyncPassNothingToDeploy(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("certs=%d", n), func(b *testing.B) {
			st, now := deployedStore(b, n)
			d := &countingDeployer{}
			svc, err := jstore.New(st, jstore.WithClock(func() time.Time { return now }), jstore.WithCA(idleCA{}),
				jstore.WithDeployers(noKeys{}, map[string]deploy.Deployer{"web1": d}))
			require.NoError(b, err)
			for b.Loop() {
				if _, err := svc.Sync(b.Context()); err != nil {
					b.Fatal(err)
				}
			}
			if d.calls.Load() != 0 {
				b.Fatal("a deployer was called")
			}
		})
	}
}

// deployedStore is a memstore holding n issued certificates of one account, each deployed to
// web1 already, and the time at which nothing about them is due.
func deployedStore(b *testing.B, n int) (*memstore.Store, time.Time) {
	st := memstore.New()
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	ctx := b.Context()
	require.NoError(b, st.Update(ctx, func(tx jstore.Tx) error {
		if err := tx.CreateAccount(ctx, &jstore.Account{ID: "acc", LoginID: "acc"}); err != nil {
			return err
		}
		for i := range n {
			c := jstore.Certificate{ID: jstore.CertificateID(fmt.Sprintf("crt%06d", i)), Account: "acc", Status: jstore.CertIssued,
				CommonName: "www.example.jp", SerialHex: "0a", PEM: "leaf", NotBefore: now, NotAfter: now.AddDate(0, 6, 0),
				SubscriptionEnd: now.AddDate(0, 6, 0), CreatedAt: now, Deployments: []jstore.Deployment{{Target: "web1", Serial: "0a"}}}
			if err := tx.CreateCertificate(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	}))
	return st, now
}

// noKeys holds no key: nothing is deployed in the benchmark.
type noKeys struct{}

func (noKeys) KeyPEM(context.Context, jstore.AccountID, crypto.PublicKey) ([]byte, error) {
	return nil, jstore.ErrNotFound
}

// idleCA is a CA that is never asked anything here.
type idleCA struct{ jstore.CA }
