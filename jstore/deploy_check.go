package jstore

import (
	"context"
	"errors"
	"slices"
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
	var problems []string
	var bad tlscheck.Result
	for _, r := range s.ful.checker.CheckAll(ctx, targets, want) {
		if r.Served != nil && served == "" {
			served = r.Served.SerialNumber.Text(16)
		}
		if !r.OK() {
			if len(problems) == 0 {
				bad = r
			}
			problems = append(problems, r.Codes()...)
		}
	}
	return s.editDeployment(ctx, c, target, func(d *Deployment, now time.Time) *Event {
		started := len(problems) > 0 && len(d.Problems) == 0
		d.CheckedAt, d.Served, d.Problems, d.NextCheck = now, served, problems, now.Add(checkEvery)
		if !started {
			return nil
		}
		servedNow := ""
		if bad.Served != nil {
			servedNow = bad.Served.SerialNumber.Text(16)
		}
		return &Event{Type: EventDeployMismatch,
			Detail: map[string]string{"target": target, "name": bad.Name, "served": servedNow, "problems": strings.Join(bad.Codes(), ",")}}
	})
}
