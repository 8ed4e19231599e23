package notify_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jstore-sdk/sdk/notify"
)

// FuzzVerify: any headers and body are verified or refused without a panic, and nothing
// verifies without the signature made with the secret.
func FuzzVerify(f *testing.F) {
	f.Add("msg_1", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", []byte(`{"test": 2432232314}`))
	f.Add("", "x", "v1,", []byte{})
	f.Add("msg_1", "-99999999999999999999", "v2,abc v1", []byte("{}"))
	f.Fuzz(func(t *testing.T, id, stamp, sig string, body []byte) {
		h := http.Header{}
		h.Set("webhook-id", id)
		h.Set("webhook-timestamp", stamp)
		h.Set("webhook-signature", sig)
		if notify.Verify(secret, h, body, time.Unix(1614265330, 0)) == nil && !(id == "msg_p5jXN8AQM9LWM0D4loKWxJek" && string(body) == `{"test": 2432232314}`) {
			t.Fatalf("verified a message not signed with the secret: %q %q %q %q", id, stamp, sig, body)
		}
	})
}
