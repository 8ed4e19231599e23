package jstore

import (
	"context"
	"errors"

	"github.com/jstore-sdk/sdk/jstore/cabf"
)

// KeySource gives a lineage's next certificate a new CSR, for panels that hold their customers'
// keys (a hosting panel that installs certificates on its own servers). With one, Sync reissues
// every certificate whose next free reissue has fallen due; without one, it only counts them
// (SyncReport.ReissuesDue, Dashboard.ReissuesDue).
type KeySource interface {
	NewCSR(ctx context.Context, c Certificate) (string, error)
}

// WithKeySource lets Sync reissue due certificates with CSRs from k.
func WithKeySource(k KeySource) Option {
	return func(s *settings) error {
		if k == nil {
			return errors.New("jstore: WithKeySource: nil key source")
		}
		s.ful.keys = k
		return nil
	}
}

// reissueDue counts the certificates whose reissue has fallen due and, with a key source,
// hands each one's reissue to the pass's workers.
func (s *Service) reissueDue(ctx context.Context, w *syncWorkers, rep *SyncReport) error {
	var due []Certificate
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		due, err = tx.ListReissuesDue(ctx, s.now(), MaxPageLimit)
		return err
	})
	if err != nil {
		return err
	}
	rep.ReissuesDue = len(due)
	if s.ful.keys == nil {
		return nil
	}
	for _, c := range due {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.give(func(r *SyncReport) {
			release, ok := s.leaseWork(ctx, "reissue:"+string(c.ID))
			if !ok {
				return
			}
			defer release()
			err := s.autoReissue(ctx, c)
			if err != nil {
				r.Failed++
				r.issue(Application{Account: c.Account, Certificate: c.ID}, StepReissue, err)
			} else {
				r.Reissued++
			}
			if nerr := s.noteReissue(ctx, c, err); nerr != nil {
				r.issue(Application{Account: c.Account, Certificate: c.ID}, StepAlert, nerr)
			}
		})
	}
	return nil
}

// autoReissue runs a certificate's reissue through the two steps with a new CSR, the same
// names and root, and the last DCV method — the DNS method when that was the approver e-mail
// and its sunset has passed. A reissue that fails before it is submitted is removed, so the
// next Sync tries again.
func (s *Service) autoReissue(ctx context.Context, c Certificate) error {
	csr, err := s.ful.keys.NewCSR(ctx, c)
	if err != nil {
		return err
	}
	app, err := s.StartReissue(ctx, c.Account, c.ID)
	if err != nil {
		return err
	}
	step2 := Step2{DCV: c.DCV, ApproverEmail: c.ApproverEmail, Root: c.Root}
	if step2.DCV == "" || step2.DCV == DCVEmail && !s.now().Before(cabf.EmailDCVSunset()) {
		step2 = Step2{DCV: DCVDNS, Root: c.Root}
	}
	var sans []string
	if p, ok := s.catalogue.Lookup(c.ProductCode); ok && p.Kind == ProductMultiDomain {
		sans = c.SANs
	}
	_, err = s.SubmitStep1(ctx, c.Account, app.ID, Step1{CSR: csr, SANs: sans, Organization: c.Organization})
	if err == nil {
		_, err = s.SubmitStep2(ctx, c.Account, app.ID, step2)
	}
	if err == nil {
		_, err = s.SubmitReissue(ctx, c.Account, app.ID)
	}
	if err != nil {
		cur, gerr := s.GetApplication(ctx, c.Account, app.ID)
		if gerr == nil && (cur.Status == StatusProductSelected || cur.Status == StatusInfoRegistered) {
			return errors.Join(err, s.RemoveFromCart(ctx, c.Account, app.ID))
		}
	}
	return err
}

// noteReissue raises AlertReissueFailed for a reissue that could not start for a reason
// that lasts (not a CA that is busy or unreachable, which the next pass simply retries), and
// clears it once one starts.
func (s *Service) noteReissue(ctx context.Context, c Certificate, err error) error {
	if len(s.ful.notifiers) == 0 || errors.Is(err, ErrCAUnavailable) || errors.Is(err, context.Canceled) {
		return nil
	}
	return s.store.Update(ctx, func(tx Tx) error {
		if err == nil {
			return s.clear(ctx, tx, c.Account, AlertReissueFailed, string(c.ID))
		}
		code := ""
		var p *ValidationError
		if errors.As(err, &p) && len(p.Problems) > 0 {
			code = p.Problems[0].Code
		}
		return s.raise(ctx, tx, Alert{Account: c.Account, Kind: AlertReissueFailed, Key: string(c.ID), Certificate: c.ID,
			Names: append([]string{c.CommonName}, c.SANs...), Code: code, Reason: reasonOf(err)})
	})
}
