package jstore

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/message"
)

// Deployment is one place a certificate lineage is served, and what Sync last did there.
type Deployment struct {
	Target     string    // the target's name, as given to WithDeployers
	Serial     string    // the serial deployed there; empty before the first deployment
	DeployedAt time.Time // when Serial was deployed
	Attempts   int       // failures in a row since
	NextTry    time.Time // when Sync tries again after a failure
	LastError  string    // the last failure, for staff
	// With WithDeployChecks: when the live site was last checked, the serial it served, the
	// problems found (tlscheck codes; none when it serves Serial as it should), and when it is
	// checked next.
	CheckedAt time.Time
	Served    string
	Problems  []string
	NextCheck time.Time
	// Expiring is the smallest expiry threshold, in days, alerted for what the target serves
	// (WithExpiryAlerts); 0 when none is.
	Expiring int
}

// DeployDue is when Sync next deploys the certificate — at once to a target that serves an
// older serial (or none), at its NextTry after a failure — or checks what a target serves (its
// NextCheck). A certificate not issued, or without targets, is never due.
func (c Certificate) DeployDue() (time.Time, bool) {
	if c.Status != CertIssued || c.PEM == "" {
		return time.Time{}, false
	}
	var due time.Time
	ok := false
	for _, d := range c.Deployments {
		at := d.NextTry
		switch {
		case c.behind(d):
		case !d.NextCheck.IsZero():
			at = d.NextCheck // deployed: due when the live site is to be checked
		default:
			continue
		}
		if !ok || at.Before(due) {
			due, ok = at, true
		}
	}
	return due, ok
}

// NotYetDeployed reports whether the issued certificate has a target that does not serve its
// current serial yet.
func (c Certificate) NotYetDeployed() bool {
	return c.Status == CertIssued && slices.ContainsFunc(c.Deployments, c.behind)
}

// ServedOther reports whether a target of the issued certificate served something else than
// its current serial, or served it wrongly, at the last check.
func (c Certificate) ServedOther() bool {
	return c.Status == CertIssued && slices.ContainsFunc(c.Deployments, c.servesOther)
}

// behind reports whether target d does not serve c's current serial yet.
func (c Certificate) behind(d Deployment) bool { return d.Serial != c.SerialHex }

// servesOther reports whether target d, deployed with c's current serial, served something
// else, or served it wrongly, at its last check.
func (c Certificate) servesOther(d Deployment) bool { return !c.behind(d) && len(d.Problems) > 0 }

// DeployCounter is optional, on a Store's transactions: the account's certificates that are
// NotYetDeployed and ServedOther, counted from an index — every account's for account "", for
// the metrics. memstore and sqlstore have it.
type DeployCounter interface {
	CountDeployments(ctx context.Context, account AccountID) (notYetDeployed, servedOther int, err error)
}

// KeyHolder gives the private key (PEM) of a certificate whose key the panel holds, found by
// the certificate's public key; keystore.Keys is one.
type KeyHolder interface {
	KeyPEM(ctx context.Context, account AccountID, pub crypto.PublicKey) ([]byte, error)
}

// DeployLister is optional, on a Store's transactions: the certificates whose DeployDue is at
// or before at, across accounts, soonest first. Sync deploys through it; memstore and
// sqlstore have it.
type DeployLister interface {
	ListDeploysDue(ctx context.Context, at time.Time, limit int) ([]Certificate, error)
}

// WithDeployers lets Sync install each issued, reissued or renewed certificate — leaf, chain
// and the key from keys — on the targets its lineage lists (AddDeployTarget), by name: at most
// once per certificate and target, retried with WithSyncBackoff's back-off after a failure,
// each outcome an event (deploy.succeeded, deploy.failed).
func WithDeployers(keys KeyHolder, targets map[string]deploy.Deployer) Option {
	return func(s *settings) error {
		if keys == nil || len(targets) == 0 {
			return errors.New("jstore: WithDeployers: a key holder and at least one target are needed")
		}
		for name, d := range targets {
			if name == "" || d == nil {
				return fmt.Errorf("jstore: WithDeployers: target %q has no name or no deployer", name)
			}
		}
		s.ful.keyHolder, s.ful.deployers = keys, maps.Clone(targets)
		return nil
	}
}

// Events of deployment.
const (
	EventDeployMismatch      EventType = "deploy.mismatch"       // the live site serves something else; Detail: target, name, served, problems
	EventDeployServedCurrent EventType = "deploy.served_current" // the live site was seen serving the certificate, in time: first after a deployment, a mismatch or an expiry alert; Detail: target, serial
	EventDeployExpiring      EventType = "deploy.expiring"       // what the live site serves ends within a threshold (WithExpiryAlerts) and was not replaced in time; Detail: target, days, served, ends
	EventDeployTargetAdded   EventType = "deploy.target_added"   // Detail: target
	EventDeployTargetRemoved EventType = "deploy.target_removed" // Detail: target
	EventDeploySucceeded     EventType = "deploy.succeeded"      // Detail: target, serial
	EventDeployFailed        EventType = "deploy.failed"         // Detail: target, serial, code, error
)

// AddDeployTarget has the certificate served by target, one of WithDeployers' names; the next
// Sync deploys it there. Adding a target twice changes nothing.
func (s *Service) AddDeployTarget(ctx context.Context, account AccountID, id CertificateID, target string) (Certificate, error) {
	if _, ok := s.ful.deployers[target]; !ok {
		return Certificate{}, invalid("deploy_target_unknown", "target", arg("target", message.Literal(target)))
	}
	return s.editDeployments(ctx, account, id, EventDeployTargetAdded, target, func(ds []Deployment) []Deployment {
		if slices.ContainsFunc(ds, func(d Deployment) bool { return d.Target == target }) {
			return ds
		}
		return append(ds, Deployment{Target: target})
	})
}

// RemoveDeployTarget stops deploying the certificate to target; what is served there stays.
func (s *Service) RemoveDeployTarget(ctx context.Context, account AccountID, id CertificateID, target string) (Certificate, error) {
	return s.editDeployments(ctx, account, id, EventDeployTargetRemoved, target, func(ds []Deployment) []Deployment {
		return slices.DeleteFunc(ds, func(d Deployment) bool { return d.Target == target })
	})
}

func (s *Service) editDeployments(ctx context.Context, account AccountID, id CertificateID, typ EventType, target string, edit func([]Deployment) []Deployment) (Certificate, error) {
	var c Certificate
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.GetCertificate(ctx, account, id); err != nil {
			return err
		}
		before := len(c.Deployments)
		c.Deployments = edit(slices.Clone(c.Deployments))
		if len(c.Deployments) == before {
			return nil
		}
		if err := tx.UpdateCertificate(ctx, &c); err != nil {
			return err
		}
		return s.event(ctx, tx, Event{Account: account, Type: typ, Certificate: id, Detail: map[string]string{"target": target}})
	})
	return c, err
}

// chainPEM is what a server sends after the leaf: the intermediate and, when the CA gave one,
// the cross-certificate, each ending in a newline.
func chainPEM(b CABundle) string {
	var out string
	for _, p := range []string{b.Intermediate, b.Cross} {
		if p = strings.TrimSpace(p); p != "" {
			out += p + "\n"
		}
	}
	return out
}
