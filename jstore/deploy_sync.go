package jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jstore-sdk/sdk/deploy"
)

// deploysDue hands each certificate with a deployment due to the pass's workers. A store
// whose transactions are not DeployListers deploys nothing.
func (s *Service) deploysDue(ctx context.Context, w *syncWorkers) error {
	if len(s.ful.deployers) == 0 {
		return nil
	}
	var due []Certificate
	err := s.store.View(ctx, func(tx Tx) error {
		dl, ok := tx.(DeployLister)
		if !ok {
			return nil
		}
		var err error
		due, err = dl.ListDeploysDue(ctx, s.now(), MaxPageLimit)
		return err
	})
	if err != nil {
		return err
	}
	for _, c := range due {
		w.give(func(r *SyncReport) {
			release, ok := s.leaseWork(ctx, "deploy:"+string(c.ID))
			if !ok {
				return
			}
			defer release()
			s.deployCertificate(ctx, c, r)
		})
	}
	return nil
}

// deployCertificate installs the certificate's current serial on each of its targets that
// does not serve it yet and is due, checks the live site of those due a check
// (WithDeployChecks), and records each outcome.
func (s *Service) deployCertificate(ctx context.Context, listed Certificate, rep *SyncReport) {
	c, err := s.GetCertificate(ctx, listed.Account, listed.ID)
	if err != nil {
		return
	}
	now := s.now()
	if due, ok := c.DeployDue(); !ok || due.After(now) {
		return // another process deployed it since it was listed
	}
	var b deploy.Bundle
	var berr error
	bundled := false
	for _, d := range c.Deployments {
		if !c.behind(d) {
			if !d.NextCheck.IsZero() && !d.NextCheck.After(now) {
				if err := s.checkTarget(ctx, c, d.Target); err != nil {
					rep.issue(Application{Account: c.Account, Certificate: c.ID}, StepDeploy, err)
				}
			}
			continue
		}
		if d.NextTry.After(now) {
			continue
		}
		if !bundled {
			b, berr = s.bundle(ctx, c) // the key is opened only for a deployment, once
			bundled = true
		}
		derr := berr
		if derr == nil {
			if dep, ok := s.ful.deployers[d.Target]; ok {
				derr = dep.Deploy(ctx, b)
			} else {
				derr = fmt.Errorf("%w: no deployer named %q is configured", deploy.ErrUnknownSite, d.Target)
			}
		}
		if derr != nil {
			rep.Failed++
			rep.issue(Application{Account: c.Account, Certificate: c.ID}, StepDeploy, derr)
		} else {
			rep.Deployed++
		}
		if err := s.noteDeployment(ctx, c, d.Target, derr); err != nil {
			rep.issue(Application{Account: c.Account, Certificate: c.ID}, StepDeploy, err)
		}
	}
}

// bundle is what a deployer installs for c: its leaf and chain, and the key the panel holds.
func (s *Service) bundle(ctx context.Context, c Certificate) (deploy.Bundle, error) {
	leaf, err := parseLeaf(c.PEM)
	if err != nil {
		return deploy.Bundle{}, err
	}
	key, err := s.ful.keyHolder.KeyPEM(ctx, c.Account, leaf.PublicKey)
	if err != nil {
		return deploy.Bundle{}, err
	}
	return deploy.Bundle{Names: append([]string{c.CommonName}, c.SANs...), Leaf: []byte(c.PEM), Chain: []byte(c.ChainPEM), Key: key}, nil
}

// noteDeployment records what deploying c's serial to target did, and the event.
func (s *Service) noteDeployment(ctx context.Context, c Certificate, target string, derr error) error {
	outcome := "outcome=ok"
	if derr != nil {
		outcome = "outcome=failed"
	}
	s.ful.tel.count(ctx, cDeployments, outcome)
	s.logDeployment(ctx, c, target, derr)
	return s.editDeployment(ctx, c, target, func(d *Deployment, now time.Time) []Event {
		ev := Event{Type: EventDeploySucceeded, Detail: map[string]string{"target": target, "serial": c.SerialHex}}
		if derr == nil {
			*d = Deployment{Target: target, Serial: c.SerialHex, DeployedAt: now, NextCheck: s.nextCheckAfterDeploy(target, now)}
			return []Event{ev}
		}
		d.Attempts++
		d.NextTry, d.LastError = now.Add(s.backoff(d.Attempts-1)), deploy.Cut([]byte(derr.Error()))
		ev.Type = EventDeployFailed
		ev.Detail["error"] = d.LastError
		var de *deploy.Error
		if errors.As(derr, &de) {
			ev.Detail["code"] = de.Code
		}
		return []Event{ev}
	})
}

// editDeployment changes c's deployment to target in a transaction — unless c was reissued
// meanwhile (the next pass deploys the newer serial) or the target removed — and records the
// events edit returns.
func (s *Service) editDeployment(ctx context.Context, c Certificate, target string, edit func(d *Deployment, now time.Time) []Event) error {
	return s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetCertificate(ctx, c.Account, c.ID)
		if err != nil || cur.SerialHex != c.SerialHex {
			return err
		}
		i := slices.IndexFunc(cur.Deployments, func(d Deployment) bool { return d.Target == target })
		if i < 0 {
			return nil
		}
		events := edit(&cur.Deployments[i], s.now().UTC())
		if err := tx.UpdateCertificate(ctx, &cur); err != nil {
			return err
		}
		for _, ev := range events {
			ev.Account, ev.Certificate = c.Account, c.ID
			if err := s.event(ctx, tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}
