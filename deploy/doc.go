// Package deploy is the seam between the workflow and the places a certificate is served: a
// [Deployer] installs a [Bundle] — the leaf, its chain and its key — on one target and reports
// failures as a *[Error] with a stable code and Japanese and English text. Implementations
// live in sub-packages: deploy/files writes PEM files and reloads the server (nginx, Apache,
// anything that reads PEM files); deploy/cpanel installs through cPanel's UAPI and
// deploy/plesk through Plesk's XML API.
package deploy
