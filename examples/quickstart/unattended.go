package main

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/files"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/keystore"
	"github.com/jstore-sdk/sdk/quote"
	"github.com/jstore-sdk/sdk/tlscheck"
)

const autoSite = "auto.example.jp"

// unattended runs a subscription under the 2029 rules (47-day certificates, 10-day validation
// reuse) with a Service that publishes the DNS records itself, in the loopback zone standing in
// for the panel's DNS, holds the keys (sealed in the store) and, when this machine has nginx,
// installs each certificate on a local nginx and checks what it serves: nobody publishes or
// installs anything.
func unattended(ctx context.Context, store *memstore.Store, quoter *quote.Quoter, upstream jstore.CA, roots map[jstore.RootOption]*x509.CertPool,
	zone *catest.DNSServer, acct jstore.AccountID, clock *demoClock, say func(string, ...any)) error {
	zone.SetZone("example.jp")
	records, err := dcv.NewDNS(zone, dcv.DNSConfig{Resolver: zone.Addr(), NameserverPort: zone.Port(), Poll: 10 * time.Millisecond})
	if err != nil {
		return err
	}
	keys, err := heldKeys(store)
	if err != nil {
		return err
	}
	opts := []jstore.Option{jstore.WithClock(clock.now), jstore.WithPricer(quoter), jstore.WithCA(upstream), jstore.WithTrustedRoots(roots),
		jstore.WithDCVResolver(zone.Resolver()), jstore.WithPublishers(records), jstore.WithKeySource(keys)}
	dir, err := os.MkdirTemp("", "jstore-quickstart-nginx-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	web, why := startNginx(dir, autoSite)
	if web != nil {
		defer web.stop()
		d, err := files.New(files.Config{Name: "nginx " + web.Addr, Dirs: []string{web.Dir}, FullChain: web.FullChain, Key: web.Key, Test: web.Test, Reload: web.Reload})
		if err != nil {
			return err
		}
		opts = append(opts, jstore.WithDeployers(keys, map[string]deploy.Deployer{"nginx": d}))
	}
	svc, err := jstore.New(store, opts...)
	if err != nil {
		return err
	}
	clock.set(time.Date(2029, 3, 20, 10, 0, 0, 0, clock.now().Location()))
	request, err := keys.NewCSR(ctx, jstore.Certificate{ID: "first", Account: acct, CommonName: autoSite})
	if err != nil {
		return err
	}
	app, err := svc.StartNew(ctx, acct, jstore.Selection{ProductCode: "DV_SSL", Term: 1})
	if err != nil {
		return err
	}
	if _, err = svc.SubmitStep1(ctx, acct, app.ID, jstore.Step1{CSR: request}); err != nil {
		return fmt.Errorf("unattended step 1: %w", err)
	}
	if _, err = svc.SubmitStep2(ctx, acct, app.ID, jstore.Step2{DCV: jstore.DCVDNS, Root: jstore.RootStarfield}); err != nil {
		return fmt.Errorf("unattended step 2: %w", err)
	}
	if _, err = svc.CompleteOrder(ctx, acct, []jstore.ApplicationID{app.ID}); err != nil {
		return fmt.Errorf("unattended order: %w", err)
	}
	// A panel's scheduler runs Sync every minute; here a pass is a minute of the demo clock,
	// and three times the certificate runs two thirds of its life before the next pass.
	var cert jstore.Certificate
	serials := map[string]bool{}
	for pass := 0; len(serials) < 4; pass++ {
		if pass == 400 {
			return fmt.Errorf("the unattended subscription stalled after %d certificates", len(serials))
		}
		time.Sleep(5 * time.Millisecond) // the work CompleteOrder and reissues start in the background
		if _, err := svc.Sync(ctx); err != nil {
			return err
		}
		app, err := svc.GetApplication(ctx, acct, app.ID)
		if err != nil {
			return err
		}
		if id := app.IssuedCertificate(); id != "" {
			if cert, err = svc.GetCertificate(ctx, acct, id); err != nil {
				return err
			}
			if web != nil && len(cert.Deployments) == 0 {
				if cert, err = svc.AddDeployTarget(ctx, acct, cert.ID, "nginx"); err != nil {
					return err
				}
			}
			if !serials[cert.SerialHex] {
				serials[cert.SerialHex] = true
				if due, _, ok := jstore.NextReissue(cert); ok {
					clock.set(due) // the next pass finds the reissue due
					continue
				}
			}
		}
		clock.set(clock.now().Add(time.Minute))
	}
	counts, err := eventCounts(ctx, svc, acct)
	if err != nil {
		return err
	}
	say("10. unattended, under the 47-day rules from 2029-03-20: %s issued and reissued %d times by Sync alone, each validated afresh: %d TXT records published and %d removed; now valid to %s",
		autoSite, len(serials)-1, counts[jstore.EventDCVPublished], counts[jstore.EventDCVRemoved], cert.NotAfter.In(clock.now().Location()).Format(time.DateOnly))
	if web == nil {
		say("11. not installed on a web server: %s; with nginx, Sync installs each certificate on a local nginx and the tour checks what it serves", why)
		return nil
	}
	cert, err = deployed(ctx, svc, acct, cert.ID, clock)
	if err != nil {
		return err
	}
	served, err := live(ctx, web, cert, roots[jstore.RootStarfield], clock)
	if err != nil {
		return err
	}
	if counts, err = eventCounts(ctx, svc, acct); err != nil {
		return err
	}
	say("11. installed by Sync on a local nginx (%s): %d deployments for %d certificates, each key sealed in the store until then; over TLS %s now serves serial %s, the current certificate, its chain complete to the Starfield root",
		web.Addr, counts[jstore.EventDeploySucceeded], len(serials), autoSite, served)
	return nil
}

// eventCounts counts the account's events of the unattended site by type.
func eventCounts(ctx context.Context, svc *jstore.Service, acct jstore.AccountID) (map[jstore.EventType]int, error) {
	events, err := svc.Events(ctx, acct, jstore.ListOptions{Limit: jstore.MaxPageLimit})
	if err != nil {
		return nil, err
	}
	counts := map[jstore.EventType]int{}
	for _, e := range events.Items {
		if e.Detail["domain"] == autoSite || e.Type == jstore.EventDeploySucceeded {
			counts[e.Type]++
		}
	}
	return counts, nil
}

// heldKeys keeps the customers' keys sealed in the store under a key made for this run; a
// panel loads its own from its secret store and rotates it with key IDs.
func heldKeys(store *memstore.Store) (*keystore.Keys, error) {
	master := make([]byte, 32)
	if _, err := rand.Read(master); err != nil {
		return nil, err
	}
	sealer, err := keystore.NewSealer("demo-1", map[keystore.KeyID][]byte{"demo-1": master})
	if err != nil {
		return nil, err
	}
	return keystore.New(store, sealer)
}

// deployed runs Sync, a minute a pass, until the current certificate is on the target.
func deployed(ctx context.Context, svc *jstore.Service, acct jstore.AccountID, id jstore.CertificateID, clock *demoClock) (jstore.Certificate, error) {
	for range 30 {
		cert, err := svc.GetCertificate(ctx, acct, id)
		if err != nil {
			return cert, err
		}
		if d := cert.Deployments; len(d) == 1 && d[0].Serial == cert.SerialHex {
			return cert, nil
		}
		if len(cert.Deployments) == 1 && cert.Deployments[0].LastError != "" {
			return cert, errors.New("the deployment to nginx failed: " + cert.Deployments[0].LastError)
		}
		clock.set(clock.now().Add(time.Minute))
		if _, err := svc.Sync(ctx); err != nil {
			return cert, err
		}
	}
	return jstore.Certificate{}, errors.New("the current certificate was not deployed after 30 passes")
}

// live checks over TLS what nginx serves for the site, giving its reload up to five seconds
// to let the old worker go, and returns the serial it serves.
func live(ctx context.Context, web *localNginx, cert jstore.Certificate, root *x509.CertPool, clock *demoClock) (string, error) {
	leaf, err := parseLeaf(cert.PEM)
	if err != nil {
		return "", err
	}
	checker := &tlscheck.Checker{Timeout: 5 * time.Second, Now: clock.now}
	var r tlscheck.Result
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if r = checker.Check(ctx, tlscheck.Target{Name: web.Site, Addr: web.Addr}, tlscheck.Want{Leaf: leaf, Roots: root}); r.OK() {
			return fmt.Sprintf("%X", r.Served.SerialNumber), nil
		}
	}
	return "", fmt.Errorf("nginx does not serve the current certificate: %v", r.Codes())
}

// parseLeaf is the certificate in text, the first PEM block.
func parseLeaf(text string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, errors.New("the certificate is not PEM")
	}
	return x509.ParseCertificate(block.Bytes)
}
