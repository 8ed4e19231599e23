package jstore_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// TestDCVWaitingWithoutPublisher: under the 2029 schedule a reissue needs a fresh domain
// validation; Sync places it (a key source makes the CSR), and with no publisher nobody
// validates. After an hour Sync tells the customer once (dcv.waiting), reports the waiting
// step in every pass that reads the order, and reads it every 6 hours instead of hourly; once
// the customer validates, the next read records the certificate.
func TestDCVWaitingWithoutPublisher(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	rig.f.clock.Set(time.Date(2029, 3, 20, 10, 0, 0, 0, time.UTC))
	counter := &statusCounter{CA: rig.adapter}
	svc := rig.service(t, jstore.WithCA(counter), jstore.WithKeySource(newKeys{}), jstore.WithSyncBackoff(time.Minute, time.Hour))
	ctx := t.Context()
	acct := rig.f.account(t, "waiting")
	app := registeredApp(t, rig.f, svc, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1}, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	require.NoError(t, rig.srv.ApproveDomain(string(app.CAOrderID), "www.example.jp"), "the customer validated the first order by hand")
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Issued)
	app, err = svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)
	cert, err := svc.GetCertificate(ctx, acct, app.IssuedCertificate())
	require.NoError(t, err)
	due, needsDCV, ok := jstore.NextReissue(cert)
	require.True(t, ok)
	require.True(t, needsDCV)
	rig.f.clock.Set(due)
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Reissued)

	// Two days of passes every ten minutes.
	var waiting []*jstore.WaitingError
	readsInHour := map[int]int64{}
	start := rig.f.clock.Now()
	for i := range 2 * 24 * 6 {
		before := counter.reads.Load()
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		readsInHour[i/6] += counter.reads.Load() - before
		for _, is := range rep.Issues {
			var we *jstore.WaitingError
			if errors.As(is.Err, &we) {
				assert.Equal(t, jstore.StepValidate, is.Step)
				waiting = append(waiting, we)
			}
		}
		rig.f.clock.Set(start.Add(time.Duration(i+1) * 10 * time.Minute))
	}
	assert.GreaterOrEqual(t, readsInHour[0], int64(3), "read at the backoff's pace at first")
	var secondDay int64
	for h := 24; h < 48; h++ {
		secondDay += readsInHour[h]
	}
	assert.Equal(t, int64(4), secondDay, "every 6 hours once the customer was told, not hourly")
	require.NotEmpty(t, waiting, "the waiting step is reported")
	assert.Len(t, waiting, 8, "in each pass that read it: at the notice, then every 6 hours for two days")
	assert.ErrorIs(t, waiting[0], jstore.ErrDCVWaiting)
	assert.Equal(t, jstore.DCVDNS, waiting[0].Method)
	assert.Equal(t, "証明書の発行がドメイン認証（DNS認証）を待っています。ドメイン認証の手順のとおりに設定し、「今すぐ確認」を押してください。",
		jstore.ErrorMessage(waiting[0], message.Japanese))
	assert.Equal(t, 1, countEvents(t, svc, acct)[jstore.EventDCVWaiting], "the customer is told once")

	// The customer validates; the next safety-net read records the reissued certificate.
	require.NoError(t, rig.srv.ApproveDomain(string(cert.CAOrderID), "www.example.jp"))
	rig.f.clock.Set(rig.f.clock.Now().Add(6 * time.Hour))
	rep, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Issued)
	next, err := svc.GetCertificate(ctx, acct, cert.ID)
	require.NoError(t, err)
	assert.NotEqual(t, cert.SerialHex, next.SerialHex)
}
