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

// TestStalledOrder: an order nobody validates is read every 6 hours once its customer was told
// (WithDCVWaitNotice) until the pending deadline; past it, each pass that reads it reports it
// (with both texts) and it is read once a day, for as long as it waits.
func TestStalledOrder(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	counter := &statusCounter{CA: rig.adapter}
	svc := rig.service(t, jstore.WithCA(counter), jstore.WithSyncBackoff(time.Minute, time.Hour), jstore.WithPendingDeadline(10*24*time.Hour))
	ctx := t.Context()
	acct := rig.f.account(t, "stalled")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, err := svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID})
	require.NoError(t, err)
	var reported []*jstore.StalledError
	readsOnDay := map[int]int64{}
	start := rig.f.clock.Now()
	for hour := range 14 * 24 {
		before := counter.reads.Load()
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		readsOnDay[hour/24] += counter.reads.Load() - before
		for _, is := range rep.Issues {
			var se *jstore.StalledError
			if errors.As(is.Err, &se) {
				reported = append(reported, se)
			} else {
				assert.ErrorIs(t, is.Err, jstore.ErrDCVWaiting)
			}
		}
		rig.f.clock.Set(start.Add(time.Duration(hour+1) * time.Hour))
	}
	assert.Equal(t, int64(4), readsOnDay[5], "every 6 hours before the deadline")
	for day := 11; day < 14; day++ {
		assert.Equal(t, int64(1), readsOnDay[day], "one read a day past the deadline (day %d)", day)
	}
	require.NotEmpty(t, reported)
	assert.Equal(t, 10, reported[0].Days)
	assert.ErrorIs(t, reported[0], jstore.ErrOrderStalled)
	assert.Equal(t, "注文から10日が経ちましたが、認証局での手続きが進んでいません。ドメイン認証の状態を確認してください。", reported[0].Message(message.Japanese))
	assert.Len(t, reported, 4, "reported at each daily read past the deadline")
}
