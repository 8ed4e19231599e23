package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"strings"
)

// Message is a received message read back.
type Message struct {
	Header  mail.Header
	Subject string // decoded from RFC 2047
	Parts   []Part // the parts of a multipart message, in order
}

// Part is one part of a multipart message, its body decoded.
type Part struct {
	Header   textproto.MIMEHeader
	FileName string
	Data     []byte
}

// Parse reads the message back: headers, the subject decoded, and each part's body decoded
// from base64 (quoted-printable is decoded by mime/multipart itself).
func (r Received) Parse() (Message, error) {
	m, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return Message{}, err
	}
	out := Message{Header: m.Header}
	if out.Subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
		return Message{}, err
	}
	media, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(media, "multipart/") {
		return Message{}, fmt.Errorf("smtptest: not a multipart message (%q)", media)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return Message{}, err
		}
		var body io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
			body = base64.NewDecoder(base64.StdEncoding, p)
		}
		data, err := io.ReadAll(body)
		if err != nil {
			return Message{}, err
		}
		out.Parts = append(out.Parts, Part{Header: p.Header, FileName: p.FileName(), Data: data})
	}
}
