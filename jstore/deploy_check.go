package jstore

import (
	"context"
	"crypto/x509"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/tlscheck"
)

// WithDeployChecks has Sync prove that each target serves what was deployed there: a minute
// after each deployment (a server's reload takes a moment) and then every day, it connects with
// checker to the target's address (addrs: target name → host:port) under each of the
// certificate's names and compares what is served with the certificate (tlscheck: the same
// leaf, a chain to WithTrustedRoots, the name covered, not expiring soon). The result is kept on
// the deployment; a site that serves something else is a deploy.mismatch event, once each time
// it starts.
func WithDeployChecks(checker *tlscheck.Checker, addrs map[string]string) Option {
	return func(s *settings) error {
		if checker == nil || len(addrs) == 0 {
			return errors.New("jstore: WithDeployChecks: a checker and at least one address are needed")
		}
		s.ful.checker, s.ful.checkAddrs = checker, addrs
		return nil
	}
}

// Checks of the live site: the first a minute after a deployment, then daily.
const (
	firstCheck = time.Minute
	checkEvery = 24 * time.Hour
)

// nextCheckAfterDeploy is when a target just deployed to is first checked: never without an
// address for it.
func (s *Service) nextCheckAfterDeploy(target string, now time.Time) time.Time {
	if _, ok := s.ful.checkAddrs[target]; !ok { // set only with a checker
		return time.Time{}
	}
	return now.Add(firstCheck)
}

// checkTarget checks every name of c at target's address and records the result.
func (s *Service) checkTarget(ctx context.Context, c Certificate, target string) error {
	leaf, err := parseLeaf(c.PEM)
	if err != nil {
		return err
	}
	want := tlscheck.Want{Leaf: leaf, Roots: s.ful.roots[c.Root]}
	var targets []tlscheck.Target
	for _, name := range append([]string{c.CommonName}, c.SANs...) {
		if !strings.HasPrefix(name, "*.") && !slices.ContainsFunc(targets, func(t tlscheck.Target) bool { return t.Name == name }) {
			targets = append(targets, tlscheck.Target{Name: name, Addr: s.ful.checkAddrs[target]})
		}
	}
	var served string
	var servedLeaf *x509.Certificate
	var problems []string
	var bad tlscheck.Result
	for _, r := range s.ful.checker.CheckAll(ctx, targets, want) {
		if r.Served != nil && served == "" {
			served, servedLeaf = r.Served.SerialNumber.Text(16), r.Served
		}
		if !r.OK() {
			if len(problems) == 0 {
				bad = r
			}
			problems = append(problems, r.Codes()...)
		}
	}
	outcome := "outcome=ok"
	if len(problems) > 0 {
		outcome = "outcome=mismatch"
	}
	s.ful.tel.count(ctx, cVerifications, outcome)
	s.logCheck(ctx, c, target, served, problems)
	return s.editDeployment(ctx, c, target, func(d *Deployment, now time.Time) []Event {
		var events []Event
		started := len(problems) > 0 && len(d.Problems) == 0
		// The first good check after a deployment, or after a mismatch or an expiry alert.
		verified := len(problems) == 0 && (d.CheckedAt.IsZero() || len(d.Problems) > 0 || d.Expiring != 0)
		d.CheckedAt, d.Served, d.Problems, d.NextCheck = now, served, problems, now.Add(checkEvery)
		if started {
			servedNow := ""
			if bad.Served != nil {
				servedNow = bad.Served.SerialNumber.Text(16)
			}
			events = append(events, Event{Type: EventDeployMismatch,
				Detail: map[string]string{"target": target, "name": bad.Name, "served": servedNow, "problems": strings.Join(bad.Codes(), ",")}})
		}
		// Only a certificate of the lineage is judged for expiry: another one is served_other's.
		ours := served != "" && (strings.EqualFold(served, c.SerialHex) || strings.EqualFold(served, d.Serial))
		if days, late := s.expiryThreshold(c, servedLeaf, served, now); ours && late && (d.Expiring == 0 || days < d.Expiring) {
			d.Expiring = days
			events = append(events, Event{Type: EventDeployExpiring, Detail: map[string]string{"target": target, "days": strconv.Itoa(days),
				"served": served, "ends": servedLeaf.NotAfter.UTC().Format(time.RFC3339)}})
		} else if (!ours || !late) && d.Expiring != 0 {
			d.Expiring, verified = 0, verified || len(problems) == 0
		}
		if verified {
			events = append(events, Event{Type: EventDeployServedCurrent, Detail: map[string]string{"target": target, "serial": served}})
		}
		return events
	})
}

// expiryThreshold is the smallest of the WithExpiryAlerts thresholds, in days, that what a
// target serves (leaf, with serial) has come within, and whether that is late: the target
// serves an older certificate than c, or no replacement is planned, or c's planned reissue
// fell due before the threshold did. A threshold passed before the replacement is due is not
// late: with 47-day certificates, reissued at two thirds of their life, 30 days left is normal.
func (s *Service) expiryThreshold(c Certificate, leaf *x509.Certificate, serial string, now time.Time) (int, bool) {
	if leaf == nil {
		return 0, false
	}
	left := leaf.NotAfter.Sub(now)
	for _, days := range s.ful.expiryDays {
		threshold := time.Duration(days) * 24 * time.Hour
		if left > threshold {
			continue
		}
		if !strings.EqualFold(serial, c.SerialHex) {
			return days, true
		}
		due, _, planned := NextReissue(c)
		return days, !planned || due.Before(leaf.NotAfter.Add(-threshold))
	}
	return 0, false
}
