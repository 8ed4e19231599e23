package jstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/tlscheck"
)

// alertOn raises or clears the alerts an event is the cause or the end of, in the event's
// transaction: an alert is in the store exactly when its cause is.
func (s *Service) alertOn(ctx context.Context, tx Tx, e Event) error {
	if len(s.ful.notifiers) == 0 {
		return nil
	}
	a := Alert{Account: e.Account, Application: e.Application, Certificate: e.Certificate, Target: e.Detail["target"], Code: e.Detail["code"]}
	switch e.Type {
	case EventIssuanceFlagged:
		a.Kind, a.Key = AlertIssuanceFlagged, appKey(e.Application)
		a.Reason = reasonOf(&FlagError{Application: e.Application, Code: e.Detail["code"], Detail: e.Detail["reason"]})
		return s.raise(ctx, tx, a)
	case EventApplicationCancelled:
		if state, ok := strings.CutPrefix(e.Detail["reason"], caEndedPrefix); ok {
			a.Kind, a.Key, a.Code = AlertIssuanceFailed, appKey(e.Application), caStateOf(state)
			a.Reason = caEndedReason(CAState(a.Code), e.Detail["reason"])
			return s.raise(ctx, tx, a)
		}
		return s.clearApplication(ctx, tx, e)
	case EventDCVPublishFailed:
		a.Kind, a.Key = AlertValidationFailed, domainKey(e.Application, e.Detail["domain"])
		a.Names = []string{e.Detail["domain"]}
		a.Reason = reasonOf(&dcv.Error{Code: dcv.Code(a.Code), Domain: e.Detail["domain"]})
		return s.raise(ctx, tx, a)
	case EventDCVPublished:
		return s.clear(ctx, tx, e.Account, AlertValidationFailed, domainKey(e.Application, e.Detail["domain"]))
	case EventDCVWaiting:
		a.Kind, a.Key = AlertDCVWaiting, appKey(e.Application)
		a.Reason = reasonOf(&WaitingError{Application: e.Application, Method: DCVMethod(e.Detail["method"])})
		return s.raise(ctx, tx, a)
	case EventCertificateIssued, EventCertificateReissued, EventCertificateRenewed:
		return s.clearApplication(ctx, tx, e)
	case EventDeployFailed:
		a.Kind, a.Key = AlertDeployFailed, targetKey(e.Certificate, a.Target)
		a.Reason = reasonOf(&deploy.Error{Code: a.Code, Target: a.Target})
		return s.raise(ctx, tx, a)
	case EventDeploySucceeded:
		return s.clear(ctx, tx, e.Account, AlertDeployFailed, targetKey(e.Certificate, e.Detail["target"]))
	case EventDeployMismatch:
		// A served certificate that is only ending soon is AlertExpiring's, by its thresholds.
		first := ""
		for p := range strings.SplitSeq(e.Detail["problems"], ",") {
			if p != tlscheck.CodeExpiring && first == "" {
				first = p
			}
		}
		if first == "" {
			return nil
		}
		a.Kind, a.Key, a.Code = AlertServedOther, targetKey(e.Certificate, a.Target), first
		a.Names = []string{e.Detail["name"]}
		p := tlscheck.Problem{Code: first, Detail: e.Detail["served"]}
		a.Reason = AlertReason{JA: p.Message(e.Detail["name"], message.Japanese), EN: p.Message(e.Detail["name"], message.English)}
		return s.raise(ctx, tx, a)
	case EventDeployExpiring:
		days, _ := strconv.Atoi(e.Detail["days"])
		a.Kind, a.Key, a.Code = AlertExpiring, expiryKey(e.Certificate, a.Target, days), tlscheck.CodeExpiring
		a.Reason = expiringReason(a.Target, days)
		return s.raise(ctx, tx, a)
	case EventDeployServedCurrent:
		if err := s.clear(ctx, tx, e.Account, AlertServedOther, targetKey(e.Certificate, e.Detail["target"])); err != nil {
			return err
		}
		for _, days := range s.ful.expiryDays {
			if err := s.clear(ctx, tx, e.Account, AlertExpiring, expiryKey(e.Certificate, e.Detail["target"], days)); err != nil {
				return err
			}
		}
	}
	return nil
}

var expiringText = message.Text{
	JA: "{target}で配信中の証明書の有効期限まで{days}日を切りましたが、次の証明書がまだ配信されていません。",
	EN: "what {target} serves ends within {days} days and its replacement is not served yet",
}

func expiringReason(target string, days int) AlertReason {
	args := []message.Arg{message.With("target", message.Literal(target)), message.With("days", message.Literal(strconv.Itoa(days)))}
	return AlertReason{JA: expiringText.Render(message.Japanese, args), EN: expiringText.Render(message.English, args)}
}

// clearApplication clears what waited on an application that is now issued or cancelled.
func (s *Service) clearApplication(ctx context.Context, tx Tx, e Event) error {
	if e.Application == "" {
		return nil
	}
	for _, kind := range []AlertKind{AlertIssuanceFlagged, AlertDCVWaiting} {
		if err := s.clear(ctx, tx, e.Account, kind, appKey(e.Application)); err != nil {
			return err
		}
	}
	app, err := tx.GetApplication(ctx, e.Account, e.Application)
	if err != nil {
		return nil // removed with the event: nothing of it waits
	}
	for _, name := range app.names() {
		if err := s.clear(ctx, tx, e.Account, AlertValidationFailed, domainKey(e.Application, name)); err != nil {
			return err
		}
	}
	return nil
}

// caEndedPrefix starts the reason of an application closed because the CA ended its order.
const caEndedPrefix = "ca: "

// caStateOf is the state in a closing reason "ca: state[: the CA's words]".
func caStateOf(reason string) string {
	state, _, _ := strings.Cut(reason, ":")
	return state
}

var caEndedTexts = map[CAState]message.Text{
	CADenied:   {JA: "認証局が証明書の発行を拒否しました。申請内容を確認のうえ、新規に申請してください。", EN: "the CA denied the order; check the application and apply again"},
	CACanceled: {JA: "認証局で注文が取り消されました。", EN: "the CA cancelled the order"},
	CARevoked:  {JA: "認証局で注文が失効しました。", EN: "the CA revoked the order"},
	CAExpired:  {JA: "認証局で注文の期限が切れました。", EN: "the order expired at the CA"},
}

// caEndedReason words an order the CA ended; the CA's own words, in English, go to the
// English text only.
func caEndedReason(state CAState, reason string) AlertReason {
	t, ok := caEndedTexts[state]
	if !ok {
		t = message.Text{JA: "認証局で注文が終了しました。", EN: "the CA ended the order"}
	}
	r := AlertReason{JA: t.JA, EN: t.EN}
	if _, words, found := strings.Cut(strings.TrimPrefix(reason, caEndedPrefix+string(state)), ": "); found && words != "" {
		r.EN += " (" + words + ")"
	}
	return r
}
