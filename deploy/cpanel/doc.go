// Package cpanel installs a certificate on a cPanel account's site through UAPI with an API
// token: DomainInfo::list_domains to learn whether the site is on the account, then
// SSL::install_ssl with the leaf, the key and the CA bundle. It is written from cPanel's
// public UAPI documentation (api.docs.cpanel.net: "Install SSL certificate", "Return cPanel
// account's domains", "Tutorial - Call UAPI's SSL::install_ssl Function in Custom Code").
//
// No cPanel server can run on the machines the SDK is tested on, so the tests replay golden
// request and response bodies shaped as that documentation shows them, through httpmock. A
// deployment fails with a *deploy.Error: unauthorized (the token is refused), unknown_site
// (the domain is not on the account), refused (cPanel did not install the certificate; the
// previous one stays), unavailable (cPanel could not be reached or failed).
package cpanel
