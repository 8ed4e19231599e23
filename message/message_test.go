package message_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/message"
)

func TestValues(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*3600)
	at := time.Date(2027, 6, 12, 0, 59, 0, 0, time.UTC)
	tests := []struct {
		name   string
		v      message.Value
		ja, en string
	}{
		{"count", message.Count{N: 1024, Unit: message.Bits}, "1024ビット", "1024 bits"},
		{"one", message.Count{N: 1, Unit: message.Years}, "1年", "1 year"},
		{"bare", message.Count{N: 7}, "7", "7"},
		{"choices", message.Choices{Ns: []int{1, 2, 3}, Unit: message.Years}, "1年・2年・3年", "1, 2 or 3 years"},
		{"one choice", message.Choices{Ns: []int{1}, Unit: message.Years}, "1年", "1 year"},
		{"slots", message.Choices{Ns: []int{5, 10}, Unit: message.SANSlots}, "5件・10件", "5 or 10 SAN slots"},
		{"literal", message.Literal("xn--wgv71a.jp"), "xn--wgv71a.jp", "xn--wgv71a.jp"},
		{"quoted", message.Quoted("a@b"), "「a@b」", `"a@b"`},
		{"char", message.Char('😀'), "「😀」（U+1F600）", `"😀" (U+1F600)`},
		{"list", message.List{message.Char('😀'), message.Count{N: 2, Unit: message.Days}}, "「😀」（U+1F600）、2日", `"😀" (U+1F600), 2 days`},
		{"phrase", message.Phrase{JA: "発行済み", EN: "issued"}, "発行済み", "issued"},
		{"instant", message.Instant{T: at, Zone: jst}, "2027年6月12日 9時59分（JST）", "12 Jun 2027 09:59 JST"},
		{"instant utc", message.Instant{T: at}, "2027年6月12日 0時59分（UTC）", "12 Jun 2027 00:59 UTC"},
		{"day", message.Day{T: time.Date(2028, 3, 14, 15, 0, 0, 0, time.UTC), Zone: jst}, "2028年3月15日", "15 Mar 2028"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.ja, tt.v.Render(message.Japanese))
			assert.Equal(t, tt.en, tt.v.Render(message.English))
			if _, data := tt.v.(message.Literal); !data && tt.name != "quoted" {
				assert.Empty(t, message.EnglishWord(tt.v.Render(message.Japanese)), "our own wording is Japanese")
			}
		})
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	text := message.Text{JA: "鍵長が短すぎます（{size}、{min}以上）。", EN: "the key is too small ({size}; at least {min})"}
	args := []message.Arg{message.With("size", message.Count{N: 1024, Unit: message.Bits}), message.With("min", message.Count{N: 2048, Unit: message.Bits})}
	assert.Equal(t, "鍵長が短すぎます（1024ビット、2048ビット以上）。", text.Render(message.Japanese, args))
	assert.Equal(t, "the key is too small (1024 bits; at least 2048 bits)", text.Render(message.English, args))
	assert.Equal(t, "鍵長が短すぎます（{size}、{min}以上）。", text.Render(message.Japanese, nil), "a missing arg shows")
	assert.Equal(t, "the key is too small ({size}; at least {min})", text.Render("fr", nil), "other languages read English")
	assert.Equal(t, "{", message.Text{JA: "{"}.Render(message.Japanese, args))
}

func TestVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text message.Text
		ok   bool
	}{
		{"good", message.Text{JA: "CSRのSANが{n}あります。", EN: "the CSR has {n} SANs"}, true},
		{"no english", message.Text{JA: "ある", EN: ""}, false},
		{"no japanese", message.Text{JA: " ", EN: "x"}, false},
		{"placeholders differ", message.Text{JA: "{a}", EN: "{b}"}, false},
		{"english word", message.Text{JA: "鍵長が短すぎます（bits）。", EN: "x"}, false},
		{"allowed names", message.Text{JA: "StarfieldかGoDaddy、Punycode（xn--）、RSA-2048。", EN: "x"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.text.Verify()
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestVerifyAll(t *testing.T) {
	t.Parallel()
	err := message.VerifyAll(map[string]message.Text{"good": {JA: "良い。", EN: "good"}, "bad": {JA: "bad", EN: "bad"}, "empty": {}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad: ")
	assert.Contains(t, err.Error(), "empty: ")
	assert.NotContains(t, err.Error(), "good: ")
	assert.NoError(t, message.VerifyAll(map[string]message.Text{"good": {JA: "良い。", EN: "good"}}))
}
