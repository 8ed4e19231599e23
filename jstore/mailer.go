package jstore

import "context"

// Mailer delivers a message with attachments; smtpmail.Client is one over SMTP.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// Message is one e-mail.
type Message struct {
	From        string
	To          []string
	Subject     string // UTF-8; a Mailer encodes it as the transport needs (RFC 2047)
	Body        string // UTF-8 plain text
	Attachments []Attachment
}

// Attachment is one attached file.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}
