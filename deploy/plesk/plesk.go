package plesk

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/internal/remote"
)

// Config says which Plesk server and site to install on.
type Config struct {
	Name string // the target's name in errors and events, e.g. "Plesk web5 example.jp"
	// URL is the Plesk server's address, e.g. https://web5.example.jp:8443.
	URL string
	// Key is a secret key (plesk bin secret_key --create), sent as the KEY header; or Login
	// and Password, sent as HTTP_AUTH_LOGIN and HTTP_AUTH_PASSWD. Neither ever appears in an
	// error.
	Key             string
	Login, Password string
	// Site is the domain whose hosting serves the certificate.
	Site string
	// HTTP sends the requests; nil means a client with a 60-second timeout.
	HTTP *http.Client
}

// Deployer installs certificates on one Plesk site.
type Deployer struct {
	agent   *url.URL
	headers http.Header
	site    string
	client  remote.Client
}

var _ deploy.Deployer = (*Deployer)(nil)

// New checks c: an https URL (http only on loopback), a secret key or a login and password,
// and a site.
func New(c Config) (*Deployer, error) {
	headers := http.Header{"Content-Type": {"text/xml"}}
	secrets := []string{c.Key, c.Password}
	switch {
	case c.Name == "":
		return nil, errors.New("plesk: New: the target needs a name")
	case c.Site == "":
		return nil, errors.New("plesk: New: the site to install on is needed")
	case strings.ContainsAny(c.Key+c.Login+c.Password, "\r\n"):
		return nil, errors.New("plesk: New: the key, login or password holds a line break")
	case c.Key != "" && c.Login == "" && c.Password == "":
		headers.Set("KEY", c.Key)
	case c.Key == "" && c.Login != "" && c.Password != "":
		headers.Set("HTTP_AUTH_LOGIN", c.Login)
		headers.Set("HTTP_AUTH_PASSWD", c.Password)
	default:
		return nil, errors.New("plesk: New: give either a secret key or a login and password")
	}
	base, err := remote.BaseURL(c.URL)
	if err != nil {
		return nil, err
	}
	return &Deployer{
		agent:   base.JoinPath("enterprise", "control", "agent.php"),
		headers: headers,
		site:    c.Site,
		client:  remote.Client{Target: c.Name, HTTP: c.HTTP, Secrets: secrets},
	}, nil
}

// Deploy installs b, when it covers the site, in the site's repository under a name made from
// the leaf's serial, then makes the site serve it. Until the second step succeeds the site
// serves what it served before; a retry finds the certificate already installed and goes on.
func (d *Deployer) Deploy(ctx context.Context, b deploy.Bundle) error {
	if !deploy.Covers(b.Names, d.site) {
		return deploy.NotCovered(d.client.Target, d.site)
	}
	name, err := certificateName(b.Leaf)
	if err != nil {
		return d.client.Fail("refused", true, "", err)
	}
	var in installPacket
	in.Install.Name = name
	in.Install.Site = d.site
	in.Install.Content = content{Key: string(b.Key), Cert: string(b.Leaf), CA: string(b.Chain)}
	if err := d.send(ctx, in, install, alreadyInstalled); err != nil {
		return err
	}
	set := assignPacket{Site: d.site, Properties: []property{{"ssl", "true"}, {"certificate_name", name}}}
	return d.send(ctx, set, assign, 0)
}

// certificateName names a certificate in the repository by its serial, so that each
// certificate has one name and a retry installs nothing twice.
func certificateName(leaf []byte) (string, error) {
	block, _ := pem.Decode(leaf)
	if block == nil || block.Type != "CERTIFICATE" {
		return "", errors.New("plesk: the leaf is not a PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return "", fmt.Errorf("plesk: the leaf: %w", err)
	}
	return fmt.Sprintf("JStore %X", cert.SerialNumber), nil
}

// send posts one packet for op; an error result is the deployer's error unless its code is ok.
func (d *Deployer) send(ctx context.Context, packet any, op operation, ok int) error {
	body, err := xml.Marshal(packet)
	if err != nil {
		return d.client.Fail("refused", true, "", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.agent.String(), bytes.NewReader(append([]byte(xml.Header), body...)))
	if err != nil {
		return d.client.Fail("unavailable", true, "", err)
	}
	for k, v := range d.headers {
		req.Header[k] = v
	}
	answer, err := d.client.Do(ctx, req)
	if err != nil {
		return err
	}
	r, err := parseAnswer(answer, op)
	if err != nil {
		return d.client.Fail("unavailable", false, deploy.Cut(answer), err)
	}
	if r.Status == "ok" || (ok != 0 && r.Code == ok) {
		return nil
	}
	return d.client.Fail(codeOf(r.Code), true, fmt.Sprintf("%d %s", r.Code, r.Message), nil)
}

// String names the deployer without its credentials.
func (d *Deployer) String() string {
	return fmt.Sprintf("plesk.Deployer{%s %s %s}", d.client.Target, d.agent, d.site)
}

// Format prints String for every verb, so %#v cannot show the credentials either.
func (d *Deployer) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(d.String())) }
