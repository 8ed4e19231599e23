package keystore_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/internal/testkit"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/keystore"
)

func sealer(t testing.TB, current keystore.KeyID, ids ...keystore.KeyID) *keystore.Sealer {
	t.Helper()
	keys := map[keystore.KeyID][]byte{}
	for _, id := range ids {
		sum := sha256.Sum256([]byte(id)) // the same ID, the same key, in every ring
		keys[id] = sum[:]
	}
	s, err := keystore.NewSealer(current, keys)
	require.NoError(t, err)
	return s
}

// TestKeysThroughReissue: Sync reissues a certificate with a CSR from Keys; the key is kept
// sealed in the store before the CSR leaves, the reissued certificate's key is found by its
// public key and signs for it, another account finds nothing, and no event holds the key.
func TestKeysThroughReissue(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	clock := testkit.NewClock(time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC))
	srv, err := catest.NewServer(catest.WithAutoApprove(), catest.WithPKI(testkit.PKI(t)), catest.WithClock(clock.Now))
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	key, secret := srv.Credentials()
	client, err := ca.NewClient(key, secret, ca.WithBaseURL(srv.URL()), ca.WithHTTPClient(srv.HTTPClient()), ca.WithoutRateLimit())
	require.NoError(t, err)
	upstream, err := adapter.New(client, srv.CustomerID())
	require.NoError(t, err)
	st := memstore.New()
	keys, err := keystore.New(st, sealer(t, "2026-12", "2026-12"))
	require.NoError(t, err)
	svc, err := jstore.New(st, jstore.WithClock(clock.Now), jstore.WithPricer(flatPricer{}), jstore.WithArgon2Params(jstore.Argon2Params{Time: 1, Memory: 64, Threads: 1}),
		jstore.WithCA(upstream), jstore.WithTrustedRoots(map[jstore.RootOption]*x509.CertPool{jstore.RootStarfield: srv.RootPool(catest.Starfield)}),
		jstore.WithKeySource(keys))
	require.NoError(t, err)
	acct, err := svc.Register(ctx, jstore.RegisterRequest{LoginID: "keys", Password: "correct horse 1",
		Customer: jstore.CustomerInfo{Company: "株式会社サンプル", ContactName: "山田 太郎", Email: "taro@example.jp", Phone: "03-1234-5678"}})
	require.NoError(t, err)

	app, err := svc.StartNew(ctx, acct.ID, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	require.NoError(t, err)
	_, err = svc.SubmitStep1(ctx, acct.ID, app.ID, jstore.Step1{CSR: testkit.CSR(t, nil, "www.example.jp")})
	require.NoError(t, err)
	_, err = svc.SubmitStep2(ctx, acct.ID, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield})
	require.NoError(t, err)
	_, err = svc.CompleteOrder(ctx, acct.ID, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct.ID, app.ID)
	require.NoError(t, err)
	first, err := svc.GetCertificate(ctx, acct.ID, app.IssuedCertificate())
	require.NoError(t, err)
	_, err = keys.PrivateKey(ctx, acct.ID, testkit.ParseLeaf(t, first.PEM).PublicKey)
	assert.ErrorIs(t, err, jstore.ErrNotFound, "the customer's own key, pasted as a CSR, is not held")

	due, _, ok := jstore.NextReissue(first)
	require.True(t, ok)
	clock.Set(due)
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Reissued, "%+v", rep.Issues)
	clock.Set(due.Add(time.Minute))
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Issued, "%+v", rep.Issues)
	next, err := svc.GetCertificate(ctx, acct.ID, first.ID)
	require.NoError(t, err)
	require.NotEqual(t, first.SerialHex, next.SerialHex)

	leaf := testkit.ParseLeaf(t, next.PEM)
	pk, err := keys.PrivateKey(ctx, acct.ID, leaf.PublicKey)
	require.NoError(t, err)
	assert.True(t, pk.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(leaf.PublicKey), "the key the certificate certifies")
	assert.Contains(t, string(pk.PEM()), "-----BEGIN PRIVATE KEY-----")
	_, err = keys.PrivateKey(ctx, "another-account", leaf.PublicKey)
	assert.ErrorIs(t, err, jstore.ErrNotFound, "scoped by account")

	id, err := keystore.KeyIDOf(leaf.PublicKey)
	require.NoError(t, err)
	sealed, err := st.GetSealedKey(ctx, acct.ID, id)
	require.NoError(t, err)
	der, _ := pem.Decode(pk.PEM())
	assert.False(t, bytes.Contains(sealed, der.Bytes), "sealed at rest")

	events, err := svc.Events(ctx, acct.ID, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	require.NoError(t, err)
	dump := fmt.Sprintf("%+v", events.Items)
	assert.NotContains(t, dump, "PRIVATE KEY")
	assert.NotContains(t, dump, string(pk.PEM()[28:80]), "no part of the key in an event")
}

// TestRotate: keys sealed under the old ID open while the ring keeps it; Rotate reseals them
// under the new one, after which the old ID can leave the ring; a key read under an old ID is
// resealed on the way.
func TestRotate(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := memstore.New()
	old, err := keystore.New(st, sealer(t, "old", "old"))
	require.NoError(t, err)
	var pubs []any
	for i := range 3 {
		csrPEM, err := old.NewCSR(ctx, jstore.Certificate{ID: "crt", Account: jstore.AccountID(fmt.Sprintf("acct%d", i)), CommonName: "www.example.jp", SANs: []string{"www.example.jp"}})
		require.NoError(t, err)
		r, err := csr.Parse([]byte(csrPEM))
		require.NoError(t, err)
		pubs = append(pubs, r.PublicKey)
	}
	both, err := keystore.New(st, sealer(t, "new", "old", "new"))
	require.NoError(t, err)
	_, err = both.PrivateKey(ctx, "acct0", pubs[0])
	require.NoError(t, err, "opened under the old ID, and resealed")
	n, err := both.Rotate(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the two keys not yet resealed")
	again, err := both.Rotate(ctx)
	require.NoError(t, err)
	assert.Zero(t, again, "nothing left under the old ID")

	newOnly, err := keystore.New(st, sealer(t, "new", "new"))
	require.NoError(t, err)
	for i, pub := range pubs {
		_, err := newOnly.PrivateKey(ctx, jstore.AccountID(fmt.Sprintf("acct%d", i)), pub)
		assert.NoError(t, err, "key %d opens without the old ID", i)
	}
	oldOnly, err := keystore.New(st, sealer(t, "old", "old"))
	require.NoError(t, err)
	_, err = oldOnly.PrivateKey(ctx, "acct1", pubs[1])
	assert.ErrorIs(t, err, keystore.ErrUnknownKeyID)
}

// flatPricer prices every item at 1,000 yen.
type flatPricer struct{}

func (flatPricer) Price(_ context.Context, _ jstore.Account, items []jstore.PriceItem) (jstore.Pricing, error) {
	p := jstore.Pricing{Amounts: make([]int64, len(items))}
	for i := range items {
		p.Amounts[i] = 1000
	}
	p.Subtotal = int64(1000 * len(items))
	p.Tax = p.Subtotal / 10
	p.Total = p.Subtotal + p.Tax
	return p, nil
}

// TestNewCSR: the CSR carries the certificate's names and organisation, passes the CSR checks,
// and is RSA of the configured size; ECDSA is refused at configuration, since the CA certifies
// RSA only.
func TestNewCSR(t *testing.T) {
	t.Parallel()
	keys, err := keystore.New(memstore.New(), sealer(t, "k", "k"), keystore.WithKeyType(csr.RSA3072))
	require.NoError(t, err)
	text, err := keys.NewCSR(t.Context(), jstore.Certificate{ID: "crt", Account: "acct", CommonName: "www.example.jp",
		SANs: []string{"www.example.jp", "shop.example.jp"}, Organization: jstore.Organization{Name: "株式会社サンプル"}})
	require.NoError(t, err)
	r, err := csr.Check([]byte(text), csr.Policy{})
	require.NoError(t, err)
	assert.Equal(t, "www.example.jp", r.CommonName)
	assert.ElementsMatch(t, []string{"www.example.jp", "shop.example.jp"}, r.DNSNames)
	assert.Equal(t, 3072, r.KeyBits)
	assert.Equal(t, x509.RSA, r.KeyAlgorithm)

	_, err = keystore.New(memstore.New(), sealer(t, "k", "k"), keystore.WithKeyType(csr.ECDSAP256))
	assert.Error(t, err)
	_, err = keystore.New(nil, sealer(t, "k", "k"))
	assert.Error(t, err)
}

// TestPrivateKeyIsRedacted: a key printed with any verb, as a value or a pointer, or logged,
// shows nothing of itself.
func TestPrivateKeyIsRedacted(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	keys, err := keystore.New(memstore.New(), sealer(t, "k", "k"))
	require.NoError(t, err)
	text, err := keys.NewCSR(ctx, jstore.Certificate{ID: "crt", Account: "acct", CommonName: "www.example.jp"})
	require.NoError(t, err)
	r, err := csr.Parse([]byte(text))
	require.NoError(t, err)
	pk, err := keys.PrivateKey(ctx, "acct", r.PublicKey)
	require.NoError(t, err)
	secret := string(pk.PEM()[40:100])
	var printed []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		printed = append(printed, fmt.Sprintf(verb, pk), fmt.Sprintf(verb, *pk), fmt.Sprintf(verb, struct{ K *keystore.PrivateKey }{pk}))
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("deploy", "key", pk, "value", *pk)
	printed = append(printed, logged.String())
	for _, p := range printed {
		assert.NotContains(t, p, secret)
		assert.NotContains(t, p, "PRIVATE KEY")
	}
}
