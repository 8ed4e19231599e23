package cpanel

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/internal/remote"
)

// Config says which cPanel account and site to install on.
type Config struct {
	Name string // the target's name in errors and events, e.g. "cPanel web3 example.jp"
	// URL is the account's cPanel address, e.g. https://web3.example.jp:2083.
	URL string
	// User and Token are the account's user name and an API token (cPanel » Security » Manage
	// API Tokens). The token never appears in an error.
	User, Token string
	// Domain is the site the certificate is installed on.
	Domain string
	// HTTP sends the requests; nil means a client with a 60-second timeout.
	HTTP *http.Client
}

// Deployer installs certificates on one cPanel site.
type Deployer struct {
	base   *url.URL
	auth   string
	domain string
	client remote.Client
}

var _ deploy.Deployer = (*Deployer)(nil)

// New checks c: an https URL (http only on loopback), a user, a token and a domain.
func New(c Config) (*Deployer, error) {
	switch {
	case c.Name == "":
		return nil, errors.New("cpanel: New: the target needs a name")
	case c.User == "" || c.Token == "":
		return nil, errors.New("cpanel: New: a user and an API token are needed")
	case strings.ContainsAny(c.User, ": \r\n") || strings.ContainsAny(c.Token, " \r\n"):
		return nil, errors.New("cpanel: New: the user or the token holds a character a header cannot")
	case c.Domain == "":
		return nil, errors.New("cpanel: New: the domain to install on is needed")
	}
	base, err := remote.BaseURL(c.URL)
	if err != nil {
		return nil, err
	}
	return &Deployer{
		base:   base,
		auth:   "cpanel " + c.User + ":" + c.Token,
		domain: c.Domain,
		client: remote.Client{Target: c.Name, HTTP: c.HTTP, Secrets: []string{c.Token}},
	}, nil
}

// Deploy installs b on the site when b covers it and the site is on the account. cPanel
// installs or refuses as a whole: on "refused" the previous certificate is still served.
func (d *Deployer) Deploy(ctx context.Context, b deploy.Bundle) error {
	if !deploy.Covers(b.Names, d.domain) {
		return deploy.NotCovered(d.client.Target, d.domain)
	}
	var list domains
	if err := d.call(ctx, http.MethodGet, "DomainInfo/list_domains", nil, &list); err != nil {
		return err
	}
	if !list.has(d.domain) {
		return d.client.Fail("unknown_site", true, d.domain, nil)
	}
	form := url.Values{"domain": {d.domain}, "cert": {string(b.Leaf)}, "key": {string(b.Key)}, "cabundle": {string(b.Chain)}}
	return d.call(ctx, http.MethodPost, "SSL/install_ssl", form, nil)
}

// call runs one UAPI function and decodes its data into out, when out is not nil; status 0
// is "refused".
func (d *Deployer) call(ctx context.Context, method, function string, form url.Values, out any) error {
	u := d.base.JoinPath("execute", function)
	var req *http.Request
	var err error
	if method == http.MethodPost {
		req, err = http.NewRequestWithContext(ctx, method, u.String(), strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	} else {
		req, err = http.NewRequestWithContext(ctx, method, u.String(), nil)
	}
	if err != nil {
		return d.client.Fail("unavailable", false, "", err)
	}
	req.Header.Set("Authorization", d.auth)
	req.Header.Set("Accept", "application/json")
	body, err := d.client.Do(ctx, req)
	if err != nil {
		return err
	}
	a, err := parseAnswer(body)
	if err != nil {
		return d.client.Fail("unavailable", false, deploy.Cut(body), err)
	}
	if a.Status != 1 {
		return d.client.Fail("refused", true, strings.Join(a.Errors, " "), nil)
	}
	if out != nil {
		if err := parseData(a.Data, out); err != nil {
			return d.client.Fail("unavailable", false, deploy.Cut(a.Data), err)
		}
	}
	return nil
}

// String names the deployer without its token.
func (d *Deployer) String() string {
	return fmt.Sprintf("cpanel.Deployer{%s %s %s}", d.client.Target, d.base, d.domain)
}

// Format prints String for every verb, so %#v cannot show the token either.
func (d *Deployer) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(d.String())) }
