// Package smtpmail is a jstore.Mailer over SMTP: STARTTLS (required by default), AUTH PLAIN,
// and MIME messages with attachments, the subject encoded per RFC 2047 so that Japanese arrives
// intact.
package smtpmail
