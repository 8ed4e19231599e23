package jstore_test

import (
	"bytes"
	"crypto/x509"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
)

// lockedBuffer is a log destination safe for the Service's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogsSayWhatHappened: with a logger that records everything, down to debug, the Service
// logs the order placed, the certificate recorded and each pass with its counts, a flagged
// issuance at error level with its code — and never a secret, a key, a CSR or a certificate.
func TestLogsSayWhatHappened(t *testing.T) {
	t.Parallel()
	var out lockedBuffer
	log := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rig := newCARig(t, catest.WithAutoApprove())
	svc := rig.service(t, jstore.WithLogger(log))
	ctx := t.Context()
	acct := rig.f.account(t, "logged")
	app := registeredApp(t, rig.f, svc, acct, dv1, "www.example.jp")
	_, cert := orderedAndIssued(t, svc, acct, app)
	app, err := svc.GetApplication(ctx, acct, app.ID)
	require.NoError(t, err)

	flagging := rig.service(t, jstore.WithLogger(log), jstore.WithTrustedRoots(map[jstore.RootOption]*x509.CertPool{jstore.RootGoDaddy: x509.NewCertPool()}),
		jstore.WithNotifiers(map[string]jstore.Notifier{"mail": &recordingNotifier{}}))
	other := registeredApp(t, rig.f, flagging, acct, dv1, "shop.example.jp")
	_, err = flagging.CompleteOrder(ctx, acct, []jstore.ApplicationID{other.ID})
	require.NoError(t, err)
	_, err = flagging.Sync(ctx)
	require.NoError(t, err)

	logs := out.String()
	for _, want := range []string{
		`"msg":"order placed"`, `"application":"` + string(app.ID) + `"`, `"ca_order":"` + string(app.CAOrderID) + `"`,
		`"msg":"certificate recorded"`, `"certificate":"` + string(cert.ID) + `"`, `"serial":"` + cert.SerialHex + `"`,
		`"msg":"sync pass"`, `"issued":1`,
		`"level":"ERROR","msg":"sync item not finished"`, `"step":"verify"`, `"code":"chain"`,
		`"level":"WARN","msg":"alert raised"`, `"kind":"issuance_flagged"`,
	} {
		assert.Contains(t, logs, want)
	}
	key, secret := rig.srv.Credentials()
	for _, never := range []string{key, secret, "correct horse 1", "PRIVATE KEY", "BEGIN CERTIFICATE", app.CSR[40:80]} {
		assert.False(t, strings.Contains(logs, never), "the logs hold %q", never)
	}
}
