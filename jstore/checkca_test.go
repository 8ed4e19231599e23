package jstore_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/message"
)

// TestCheckCA: working credentials pass; a wrong secret and an unreachable CA are told apart,
// in Japanese and English, naming the environment.
func TestCheckCA(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	require.NoError(t, rig.service(t).CheckCA(t.Context()))

	key, _ := rig.srv.Credentials()
	wrong, err := ca.NewClient(key, "not-the-secret", ca.WithBaseURL(rig.srv.URL()), ca.WithHTTPClient(rig.srv.HTTPClient()), ca.WithoutRateLimit())
	require.NoError(t, err)
	wrongAdapter, err := adapter.New(wrong, rig.srv.CustomerID())
	require.NoError(t, err)
	err = rig.service(t, jstore.WithCA(wrongAdapter)).CheckCA(t.Context())
	var ce *jstore.CACheckError
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, jstore.ErrCAUnauthorized)
	assert.Equal(t, "ca_unauthorized", ce.Problem.Code)
	assert.Contains(t, ce.Problem.Message(message.Japanese), "APIキーとシークレットを受け付けませんでした")
	assert.Contains(t, ce.Problem.Message(message.English), rig.srv.URL(), "names the environment")
	assert.NotContains(t, err.Error(), "not-the-secret")

	closed, err := ca.NewClient("k", "s", ca.WithBaseURL("http://127.0.0.1:1"), ca.WithoutRateLimit(),
		ca.WithRetry(ca.RetryPolicy{MaxAttempts: 1, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	require.NoError(t, err)
	closedAdapter, err := adapter.New(closed, "")
	require.NoError(t, err)
	err = rig.service(t, jstore.WithCA(closedAdapter)).CheckCA(t.Context())
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "ca_unavailable", ce.Problem.Code)
	assert.True(t, errors.Is(err, jstore.ErrCAUnavailable))

	assert.Error(t, newFixture(t).svc.CheckCA(t.Context()), "no CA configured")
}
