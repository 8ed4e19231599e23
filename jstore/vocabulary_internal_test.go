package jstore

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/message"
)

// TestVocabulary checks every text the package words: both languages, the same placeholders,
// no English word in the Japanese; every Kind has its text.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	for name, table := range map[string]map[string]message.Text{"problem": problemTexts, "state": stateTexts, "field": fieldNames, "value": valueNames, "store": storeTexts, "flag": flagTexts} {
		assert.NoError(t, message.VerifyAll(table), name)
	}
	for k := KindNotFound; k <= KindNotSent; k++ {
		require.Contains(t, kindTexts, k)
		assert.NoError(t, kindTexts[k].Verify(), "kind %d", k)
	}
	assert.NoError(t, stalledText.Verify(), "stalled")
	for _, c := range caTexts {
		assert.NoError(t, c.text.Verify(), "%v", c.err)
	}
}

// TestEveryCodeIsWorded reads the package's source for the codes it reports and checks each
// has its text, so a new code cannot ship without both languages.
func TestEveryCodeIsWorded(t *testing.T) {
	t.Parallel()
	problemCall := regexp.MustCompile(`(?:invalid|\.add|newProblem|NewProblem)\("([a-z0-9_]+)"`)
	stateCall := regexp.MustCompile(`(?:stateErr\([^,]+,|Code:) "([a-z0-9_]+)"`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range problemCall.FindAllStringSubmatch(string(b), -1) {
			found++
			assert.Contains(t, problemTexts, m[1], "%s: problem code %s has no text", f, m[1])
		}
		for _, m := range stateCall.FindAllStringSubmatch(string(b), -1) {
			found++
			assert.Contains(t, stateTexts, m[1], "%s: state code %s has no text", f, m[1])
		}
	}
	assert.Greater(t, found, 60, "the scan finds the package's codes")
}

// TestMessagesRenderInOneLanguage renders every text with representative args and checks the
// Japanese holds no English and no placeholder is left over.
func TestMessagesRenderInOneLanguage(t *testing.T) {
	t.Parallel()
	sample := map[string]message.Value{
		"field": fieldName("organization.name"), "max": count(512, message.Bytes), "min": count(1, message.Items),
		"terms": message.Choices{Ns: []int{1, 2, 3}, Unit: message.Years}, "slots": message.Choices{Ns: []int{5, 10}, Unit: message.SANSlots},
		"status": named(string(StatusOrdered)), "kind": named(string(AppNew)), "count": count(6, message.Names),
		"fields": message.List{fieldName("organization.name"), fieldName("san_slots")},
	}
	for name, table := range map[string]map[string]message.Text{"problem": problemTexts, "state": stateTexts} {
		for code, text := range table {
			var args []message.Arg
			for _, p := range message.Placeholders(text.JA) {
				v, ok := sample[p]
				if !ok {
					v = message.Literal("＊") // a name, an ID: data, the same in both languages
				}
				args = append(args, message.With(p, v))
			}
			ja := text.Render(message.Japanese, args)
			assert.NotContains(t, ja, "{", "%s %s", name, code)
			assert.Empty(t, message.EnglishWord(ja), "%s %s: %s", name, code, ja)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		ja, en string
	}{
		{"kind", ErrUnauthenticated, "ログインIDまたはパスワードが違います。", "the login ID or password is wrong"},
		{"state", stateErr("app_1", "not_editable", arg("status", named(string(StatusOrdered)))), "申請は注文完了のため、もう変更できません。", "the application is ordered and can no longer be edited"},
		{"validation", invalid("password_length", "password", arg("min", count(10, message.Characters)), arg("max", count(128, message.Bytes))), "パスワードは10文字以上128バイト以下にしてください。", "the password must be at least 10 characters and at most 128 bytes"},
		{"renewal change", &RenewalChangeError{Fields: []string{"organization.name", "san_slots"}}, "更新では組織名、付帯ドメイン数を変更できません。残りの有効期間を引き継ぐ新規注文に切り替えてください。", "a renewal cannot change organisation name, SAN slots; make it a new order that carries the remaining days over"},
		{"not orderable", &NotOrderableError{Applications: []ApplicationID{"a1", "a2"}}, "注文できない申請があります（申請情報が未登録か注文済みです）：a1、a2", "not orderable (application info not registered or already ordered): a1, a2"},
		{"ca", ErrCAUnavailable, "認証局に接続できません。しばらくしてからもう一度お試しください。", "the CA is unavailable; try again later"},
		{"csr", &csr.Error{Problems: []csr.Problem{{Code: csr.CodePrivateKey}, {Code: csr.CodeCNMissing}}}, "秘密鍵が貼り付けられています。秘密鍵は誰にも送らず、CSRだけを貼り付けてください。\nコモンネーム（CN）がありません。", "a private key was pasted; never send it to anyone, paste only the CSR\nthe CSR has no Common Name"},
		{"wrapped", fmt.Errorf("panel: %w", ErrCertificateLocked), "この証明書はカートにある更新申請のためロックされています。", "the certificate is locked by a renewal in the cart"},
		{"other", os.ErrClosed, "処理中にエラーが発生しました。しばらくしてからもう一度お試しください。", "something went wrong; try again later"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.ja, ErrorMessage(tt.err, message.Japanese))
			assert.Equal(t, tt.en, ErrorMessage(tt.err, message.English))
		})
	}
	assert.Empty(t, ErrorMessage(nil, message.Japanese))
}

func TestValueName(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "注文完了", ValueName(string(StatusOrdered), message.Japanese))
	assert.Equal(t, "ordered", ValueName(string(StatusOrdered), message.English))
	assert.Equal(t, "Webページ認証", ValueName(string(DCVFile), message.Japanese))
	assert.Equal(t, "再発行", ValueName(string(EventCertificateReissued), message.Japanese))
	assert.Equal(t, "something_new", ValueName("something_new", message.Japanese), "an unknown value reads as itself")
}
