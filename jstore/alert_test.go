package jstore_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/message"
)

// wrongSecret is the simulator's CA reached with a secret it refuses.
func wrongSecret(t *testing.T, rig *caRig) jstore.CA {
	key, _ := rig.srv.Credentials()
	wrong, err := ca.NewClient(key, "not-the-secret", ca.WithBaseURL(rig.srv.URL()), ca.WithHTTPClient(rig.srv.HTTPClient()), ca.WithoutRateLimit())
	require.NoError(t, err)
	a, err := adapter.New(wrong, rig.srv.CustomerID())
	require.NoError(t, err)
	return a
}

// recordingNotifier keeps the notices it takes and fails while fail is above zero.
type recordingNotifier struct {
	mu      sync.Mutex
	notices []jstore.Notice
	calls   atomic.Int32
	fail    atomic.Int32
	block   bool // wait for the call's deadline instead of answering
}

func (n *recordingNotifier) Notify(ctx context.Context, notice jstore.Notice) error {
	n.calls.Add(1)
	if n.block {
		<-ctx.Done()
		return ctx.Err()
	}
	if n.fail.Add(-1) >= 0 {
		return errors.New("smtp: 451 try again later")
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.notices = append(n.notices, notice)
	return nil
}

func (n *recordingNotifier) taken() []jstore.Notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]jstore.Notice(nil), n.notices...)
}

// TestAlertRetries: a notifier that fails is told again after the back-off, not in every
// pass, and its failure is in the report (StepAlert) and on the alert; the other notifier is
// told once; the clearing reaches both; Alerts lists it with what each was told.
func TestAlertRetries(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	keys := heldKeys(t, rig)
	d := &countingDeployer{}
	flaky, steady := &recordingNotifier{}, &recordingNotifier{}
	svc := rig.service(t, jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": d}),
		jstore.WithSyncBackoff(time.Minute, time.Hour), jstore.WithNotifiers(map[string]jstore.Notifier{"flaky": flaky, "steady": steady}))
	ctx := t.Context()
	acct := rig.f.account(t, "notify")
	cert := heldOrder(t, rig, svc, keys, acct, "www.example.jp")
	_, err := svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	d.fail.Store(true)
	flaky.fail.Store(2)

	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Alerted, "steady took it")
	var ne *jstore.NotifyError
	found := false
	for _, is := range rep.Issues {
		if is.Step == jstore.StepAlert && errors.As(is.Err, &ne) {
			found = true
			assert.Equal(t, "flaky", ne.Notifier)
			assert.Equal(t, "通知先「flaky」に通知できませんでした。", jstore.ErrorMessage(is.Err, message.Japanese))
		}
	}
	assert.True(t, found, "%+v", rep.Issues)
	for range 3 {
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), flaky.calls.Load(), "not again before the back-off")
	assert.Equal(t, int32(1), steady.calls.Load(), "once")
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, int32(2), flaky.calls.Load(), "again after a minute, failing again")
	rig.f.clock.Set(rig.f.clock.Now().Add(2 * time.Minute))
	_, err = svc.Sync(ctx)
	require.NoError(t, err)
	require.Len(t, flaky.taken(), 1, "taken on the third try")
	got := flaky.taken()[0]
	assert.False(t, got.Cleared)
	assert.Equal(t, jstore.AlertDeployFailed, got.Alert.Kind)
	assert.Equal(t, "web1", got.Alert.Target)
	assert.Equal(t, "web1の再読み込みに失敗しました。", got.Alert.Reason.JA)
	require.NotNil(t, got.Customer)
	assert.Equal(t, "taro@example.jp", got.Customer.Email)

	// The deployment succeeds: the cause is gone, and both hear so once.
	d.fail.Store(false)
	rig.f.clock.Set(rig.f.clock.Now().Add(time.Hour))
	for range 3 {
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	require.Len(t, steady.taken(), 2)
	assert.True(t, steady.taken()[1].Cleared)
	require.Len(t, flaky.taken(), 2)
	assert.True(t, flaky.taken()[1].Cleared)
	page, err := svc.Alerts(ctx, acct, jstore.ListOptions{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	a := page.Items[0]
	assert.False(t, a.Open())
	for _, dl := range a.Deliveries {
		assert.False(t, dl.Raised.IsZero(), dl.Notifier)
		assert.False(t, dl.Cleared.IsZero(), dl.Notifier)
	}
	_, ok := a.DeliveryDue()
	assert.False(t, ok, "nothing left to tell")
	_, err = svc.Alerts(ctx, "acct_nobody", jstore.ListOptions{})
	assert.ErrorIs(t, err, jstore.ErrNotFound)
}

// TestSlowNotifier: a notifier that never answers holds a pass for no longer than
// WithNotifyTimeout, and is told again later.
func TestSlowNotifier(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	keys := heldKeys(t, rig)
	d := &countingDeployer{}
	slow := &recordingNotifier{block: true}
	svc := rig.service(t, jstore.WithKeySource(keys), jstore.WithDeployers(keys, map[string]deploy.Deployer{"web1": d}),
		jstore.WithNotifiers(map[string]jstore.Notifier{"webhook": slow}), jstore.WithNotifyTimeout(100*time.Millisecond))
	ctx := t.Context()
	acct := rig.f.account(t, "slow")
	cert := heldOrder(t, rig, svc, keys, acct, "www.example.jp")
	_, err := svc.AddDeployTarget(ctx, acct, cert.ID, "web1")
	require.NoError(t, err)
	d.fail.Store(true)
	began := time.Now()
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Less(t, time.Since(began), 3*time.Second)
	assert.Equal(t, int32(1), slow.calls.Load())
	var ne *jstore.NotifyError
	require.NotEmpty(t, rep.Issues)
	assert.ErrorAs(t, rep.Issues[len(rep.Issues)-1].Err, &ne)
	assert.ErrorIs(t, ne, context.DeadlineExceeded)
}

// TestCACredentialsAlert: CheckCA refused raises the panel's own alert, once, and a check that
// passes clears it.
func TestCACredentialsAlert(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	staff := &recordingNotifier{}
	notifiers := jstore.WithNotifiers(map[string]jstore.Notifier{"mail": staff})
	svc := rig.service(t, notifiers)
	wrongAdapter := wrongSecret(t, rig)
	misconfigured := rig.service(t, jstore.WithCA(wrongAdapter), notifiers)
	ctx := t.Context()
	for range 2 {
		assert.ErrorIs(t, misconfigured.CheckCA(ctx), jstore.ErrCAUnauthorized)
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	require.Len(t, staff.taken(), 1)
	n := staff.taken()[0]
	assert.Equal(t, jstore.AlertCACredentials, n.Alert.Kind)
	assert.Empty(t, n.Alert.Account)
	assert.Nil(t, n.Customer, "for staff only")
	require.NoError(t, svc.CheckCA(ctx))
	_, err := svc.Sync(ctx)
	require.NoError(t, err)
	require.Len(t, staff.taken(), 2)
	assert.True(t, staff.taken()[1].Cleared)
	page, err := svc.Alerts(ctx, "", jstore.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
}

// TestAlertOptions refuses what cannot work.
func TestAlertOptions(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	n := &recordingNotifier{}
	for name, opt := range map[string]jstore.Option{
		"no notifier":       jstore.WithNotifiers(nil),
		"a nil notifier":    jstore.WithNotifiers(map[string]jstore.Notifier{"mail": nil}),
		"a bad name":        jstore.WithNotifiers(map[string]jstore.Notifier{"Mail Staff": n}),
		"no threshold":      jstore.WithExpiryAlerts(),
		"a zero threshold":  jstore.WithExpiryAlerts(30, 0),
		"a year and more":   jstore.WithExpiryAlerts(400),
		"no notify timeout": jstore.WithNotifyTimeout(0),
	} {
		_, err := jstore.New(rig.f.store, opt)
		assert.Error(t, err, name)
	}
}

// failingKeys is a KeySource that fails while fail is set, as a panel's key store that is
// down.
type failingKeys struct {
	next jstore.KeySource
	fail atomic.Bool
}

func (k *failingKeys) NewCSR(ctx context.Context, c jstore.Certificate) (string, error) {
	if k.fail.Load() {
		return "", errors.New("keystore: the database is read-only")
	}
	return k.next.NewCSR(ctx, c)
}

// TestReissueFailedAlert: a due reissue that cannot start raises one alert however many
// passes try it, and starting it clears the alert.
func TestReissueFailedAlert(t *testing.T) {
	t.Parallel()
	rig := newCARig(t, catest.WithAutoApprove())
	keys := heldKeys(t, rig)
	source := &failingKeys{next: keys}
	staff := &recordingNotifier{}
	svc := rig.service(t, jstore.WithKeySource(source), jstore.WithNotifiers(map[string]jstore.Notifier{"mail": staff}))
	ctx := t.Context()
	acct := rig.f.account(t, "reissue")
	cert := heldOrder(t, rig, svc, keys, acct, "www.example.jp")
	due, _, ok := jstore.NextReissue(cert)
	require.True(t, ok)
	source.fail.Store(true)
	rig.f.clock.Set(due)
	for range 4 {
		rep, err := svc.Sync(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, rep.Issues)
		rig.f.clock.Set(rig.f.clock.Now().Add(time.Minute))
	}
	require.Len(t, staff.taken(), 1, "one alert for four failed passes")
	a := staff.taken()[0].Alert
	assert.Equal(t, jstore.AlertReissueFailed, a.Kind)
	assert.Equal(t, cert.ID, a.Certificate)
	assert.Equal(t, []string{"www.example.jp"}, a.Names)

	source.fail.Store(false)
	rep, err := svc.Sync(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Reissued)
	require.Len(t, staff.taken(), 2)
	assert.True(t, staff.taken()[1].Cleared)
}

// clearingNotifier clears the cause of the first alert it is told of, from another Service,
// while it is being told: the race between a delivery and a clearing.
type clearingNotifier struct {
	recordingNotifier
	clear func() error
	once  sync.Once
}

func (n *clearingNotifier) Notify(ctx context.Context, notice jstore.Notice) error {
	var err error
	n.once.Do(func() { err = n.clear() })
	if err != nil {
		return err
	}
	return n.recordingNotifier.Notify(ctx, notice)
}

// TestClearedWhileTold: an alert cleared while a notifier is being told of it is then told of
// the clearing too, once.
func TestClearedWhileTold(t *testing.T) {
	t.Parallel()
	rig := newCARig(t)
	n := &clearingNotifier{}
	notifiers := jstore.WithNotifiers(map[string]jstore.Notifier{"webhook": n})
	svc := rig.service(t, notifiers)
	n.clear = func() error { return svc.CheckCA(context.Background()) }
	wrongAdapter := wrongSecret(t, rig)
	ctx := t.Context()
	require.ErrorIs(t, rig.service(t, jstore.WithCA(wrongAdapter), notifiers).CheckCA(ctx), jstore.ErrCAUnauthorized)
	for range 3 {
		_, err := svc.Sync(ctx)
		require.NoError(t, err)
	}
	got := n.taken()
	require.Len(t, got, 2, "the raising, then the clearing")
	assert.False(t, got[0].Cleared)
	assert.True(t, got[1].Cleared)
}
