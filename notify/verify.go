package notify

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrSignature is Verify's error for a message that is not signed with the secret, or whose
// timestamp is too far from now.
var ErrSignature = errors.New("notify: the webhook's signature does not verify")

// tolerance is how far a message's timestamp may be from the receiver's clock.
const tolerance = 5 * time.Minute

// Verify checks a received webhook as Standard Webhooks says: one of the v1 signatures in
// webhook-signature is the HMAC-SHA256 of webhook-id, webhook-timestamp and the body under
// the secret, and the timestamp is within five minutes of now. A receiver de-duplicates on
// webhook-id.
func Verify(secret string, h http.Header, body []byte, now time.Time) error {
	key, err := secretKey(secret)
	if err != nil {
		return err
	}
	id, stamp := h.Get("webhook-id"), h.Get("webhook-timestamp")
	sec, err := strconv.ParseInt(stamp, 10, 64)
	if id == "" || err != nil {
		return ErrSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrSignature
	}
	want, _ := base64.StdEncoding.DecodeString(sign(key, id, stamp, body))
	for sig := range strings.FieldsSeq(h.Get("webhook-signature")) {
		version, value, ok := strings.Cut(sig, ",")
		got, err := base64.StdEncoding.DecodeString(value)
		if ok && version == "v1" && err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrSignature
}
