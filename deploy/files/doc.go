// Package files deploys a certificate as PEM files and reloads the server that reads them:
// nginx, Apache, or anything else. Each file is replaced atomically (written beside, synced,
// renamed), the key with mode 0600; the previous files are kept until the server has tested
// and reloaded the new ones, and put back — and the server reloaded again — when it refuses
// them, so the previous certificate stays served.
package files
