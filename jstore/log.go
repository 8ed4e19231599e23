package jstore

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/deploy"
)

// WithLogger sends what the Service does in the background — orders placed and adopted,
// certificates recorded, DCV records published and removed, each Sync pass and every item it
// could not finish, with the reason — to l (default: nowhere). Attributes have stable names:
// account, application, certificate, ca_order, kind, step, code, error, and the pass's counts.
// Nothing secret is logged: no key, CSR, certificate body, password or token.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("jstore: WithLogger: nil logger")
		}
		s.ful.log = l
		return nil
	}
}

// logPlaced notes an application placed with the CA, or adopted from an earlier attempt.
func (s *Service) logPlaced(ctx context.Context, app Application, caID CAOrderID, adopted bool) {
	msg := "order placed"
	if adopted {
		msg = "order adopted from an earlier attempt"
	}
	s.ful.log.LogAttrs(ctx, slog.LevelInfo, msg, slog.String("account", string(app.Account)), slog.String("application", string(app.ID)),
		slog.String("ca_order", string(caID)), slog.String("kind", string(app.Kind)))
	s.ful.tel.count(ctx, cPlaced, "")
}

// logRecorded notes a certificate recorded from what the CA issued.
func (s *Service) logRecorded(ctx context.Context, app Application, c Certificate) {
	s.ful.log.LogAttrs(ctx, slog.LevelInfo, "certificate recorded", slog.String("account", string(app.Account)), slog.String("application", string(app.ID)),
		slog.String("certificate", string(c.ID)), slog.String("ca_order", string(app.CAOrderID)), slog.String("kind", string(app.Kind)), slog.String("serial", c.SerialHex))
	s.ful.tel.count(ctx, cIssued, "kind="+string(app.Kind))
}

// logDCV notes a validation record or file published or removed.
func (s *Service) logDCV(ctx context.Context, msg string, app Application, p dcv.Publication) {
	s.ful.log.LogAttrs(ctx, slog.LevelInfo, msg, slog.String("account", string(app.Account)), slog.String("application", string(app.ID)),
		slog.String("domain", p.Domain), slog.String("method", string(p.Method)), slog.String("zone", p.Zone), slog.String("name", p.Name))
}

// logPass notes a Sync pass: its counts at Info, each item it could not finish at Warn (Error
// for a flagged issuance, which waits for staff).
func (s *Service) logPass(ctx context.Context, rep SyncReport, took time.Duration) {
	s.ful.log.LogAttrs(ctx, slog.LevelInfo, "sync pass", slog.Int("due", rep.Due), slog.Int("asked", rep.Asked), slog.Int("placed", rep.Placed),
		slog.Int("issued", rep.Issued), slog.Int("closed", rep.Closed), slog.Int("flagged", rep.Flagged), slog.Int("failed", rep.Failed),
		slog.Int("reissues_due", rep.ReissuesDue), slog.Int("reissued", rep.Reissued), slog.Int("deployed", rep.Deployed), slog.Int("left", rep.Left), slog.Duration("took", took))
	for _, is := range rep.Issues {
		level := slog.LevelWarn
		attrs := []slog.Attr{slog.String("account", string(is.Account)), slog.String("application", string(is.Application)),
			slog.String("certificate", string(is.Certificate)), slog.String("step", string(is.Step)), slog.String("error", is.Err.Error())}
		var fe *FlagError
		var de *dcv.Error
		switch {
		case errors.As(is.Err, &fe):
			level = slog.LevelError
			attrs = append(attrs, slog.String("code", fe.Code))
		case errors.As(is.Err, &de):
			attrs = append(attrs, slog.String("code", string(de.Code)))
		}
		s.ful.log.LogAttrs(ctx, level, "sync item not finished", attrs...)
	}
}

// logAlert notes an alert raised or cleared, at Warn while it is open.
func (s *Service) logAlert(ctx context.Context, msg string, a Alert) {
	level := slog.LevelWarn
	if !a.Open() {
		level = slog.LevelInfo
	}
	s.ful.log.LogAttrs(ctx, level, msg, slog.String("account", string(a.Account)), slog.String("alert", string(a.ID)), slog.String("kind", string(a.Kind)),
		slog.String("application", string(a.Application)), slog.String("certificate", string(a.Certificate)), slog.String("target", a.Target),
		slog.String("code", a.Code), slog.String("reason", a.Reason.EN))
	phase := "raised"
	if !a.Open() {
		phase = "cleared"
	}
	s.ful.tel.count(ctx, cAlerts, "alert="+string(a.Kind)+"/"+phase)
}

// logDeployment notes a deployment's outcome: Info when installed, Warn when it failed.
func (s *Service) logDeployment(ctx context.Context, c Certificate, target string, err error) {
	attrs := []slog.Attr{slog.String("account", string(c.Account)), slog.String("certificate", string(c.ID)), slog.String("target", target),
		slog.String("serial", c.SerialHex)}
	if err == nil {
		s.ful.log.LogAttrs(ctx, slog.LevelInfo, "certificate deployed", attrs...)
		return
	}
	var de *deploy.Error
	if errors.As(err, &de) {
		attrs = append(attrs, slog.String("code", de.Code), slog.Bool("rolled_back", de.RolledBack))
	}
	s.ful.log.LogAttrs(ctx, slog.LevelWarn, "deployment failed", append(attrs, slog.String("error", err.Error()))...)
}

// logCheck notes what a live check found: Info when the target serves the certificate, Warn
// with the problems' codes when not.
func (s *Service) logCheck(ctx context.Context, c Certificate, target, served string, problems []string) {
	level, msg := slog.LevelInfo, "live check passed"
	if len(problems) > 0 {
		level, msg = slog.LevelWarn, "live check found problems"
	}
	s.ful.log.LogAttrs(ctx, level, msg, slog.String("account", string(c.Account)), slog.String("certificate", string(c.ID)), slog.String("target", target),
		slog.String("serial", c.SerialHex), slog.String("served", served), slog.String("problems", strings.Join(problems, ",")))
}
