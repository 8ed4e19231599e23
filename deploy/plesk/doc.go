// Package plesk installs a certificate on a Plesk site through Plesk's XML API
// (POST /enterprise/control/agent.php), as Plesk's documentation shows it: the certificate
// operator's install puts the certificate, key and CA certificate in the site's repository
// under a name, and the site operator's set makes the site serve it (hosting property
// certificate_name, with ssl on). It is written from Plesk's public XML API reference
// (docs.plesk.com: "Installing Certificates", "Managing Sites", "Error Codes").
//
// No Plesk server can run on the machines the SDK is tested on, so the tests replay golden
// request and response packets shaped as that documentation shows them, through httpmock.
// A deployment fails with a *deploy.Error: unauthorized (the secret key or login is refused:
// errors 1001, 1006, 1010, 1011, 1012, 11003), unknown_site (the site does not exist: 1013,
// 1015), refused (Plesk refused the certificate; the previous one stays), unavailable (Plesk
// could not be reached or answered something that is not a packet).
package plesk
