package ca

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// EmailsService reads the e-mails the CA sent about an order and sends them again.
type EmailsService service

// emailList decodes the history as an array, or as the single object the specification
// declares.
type emailList []EmailHistory

func (l *emailList) UnmarshalJSON(b []byte) error {
	var many []EmailHistory
	if err := json.Unmarshal(b, &many); err == nil {
		*l = many
		return nil
	}
	var one EmailHistory
	if err := json.Unmarshal(b, &one); err != nil {
		return errors.New("neither an e-mail history object nor a list of them")
	}
	*l = emailList{one}
	return nil
}

// History lists every e-mail sent for the certificate.
func (s *EmailsService) History(ctx context.Context, id string) ([]EmailHistory, error) {
	var out emailList
	err := s.c.do(ctx, call{op: "certificate_email_history", method: http.MethodGet, path: "/v1/certificates/{certificateId}/email/history", params: idParam(id), out: &out})
	return out, err
}

// Resend sends one e-mail again (204).
func (s *EmailsService) Resend(ctx context.Context, id string, emailID int64) error {
	return s.c.do(ctx, call{op: "certificate_resend_email", method: http.MethodPost, path: "/v1/certificates/{certificateId}/email/{emailId}/resend",
		params: map[string]string{"certificateId": id, "emailId": strconv.FormatInt(emailID, 10)}})
}

// ResendTo sends one e-mail again to another address (204).
func (s *EmailsService) ResendTo(ctx context.Context, id string, emailID int64, address string) error {
	return s.c.do(ctx, call{op: "certificate_resend_email_address", method: http.MethodPost, path: "/v1/certificates/{certificateId}/email/{emailId}/resend/{emailAddress}",
		params: map[string]string{"certificateId": id, "emailId": strconv.FormatInt(emailID, 10), "emailAddress": address}})
}

// AddAlternateAddress adds an address and sends every pending request e-mail to it; the answer
// is the resulting history.
func (s *EmailsService) AddAlternateAddress(ctx context.Context, id, address string) ([]EmailHistory, error) {
	var out emailList
	err := s.c.do(ctx, call{op: "certificate_alternate_email_address", method: http.MethodPost, path: "/v1/certificates/{certificateId}/email/resend/{emailAddress}",
		params: map[string]string{"certificateId": id, "emailAddress": address}, out: &out})
	return out, err
}
