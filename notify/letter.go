package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/message"
)

// kindTexts are each kind's title and what the reader should do.
var kindTexts = map[jstore.AlertKind]struct{ title, todo message.Text }{
	jstore.AlertIssuanceFailed: {
		message.Text{JA: "証明書が発行されませんでした", EN: "the certificate was not issued"},
		message.Text{JA: "申請内容をご確認のうえ、必要であれば改めてお申し込みください。", EN: "check the application and apply again if needed."}},
	jstore.AlertIssuanceFlagged: {
		message.Text{JA: "発行された証明書の確認が必要です", EN: "an issued certificate needs checking"},
		message.Text{JA: "証明書は記録されていません。管理画面で内容を確認してください。", EN: "nothing was recorded; check it in the staff pages."}},
	jstore.AlertReissueFailed: {
		message.Text{JA: "証明書の自動再発行を開始できませんでした", EN: "the certificate's reissue could not start"},
		message.Text{JA: "有効期限までに再発行が必要です。申請内容をご確認ください。", EN: "it must be reissued before it ends; check the application."}},
	jstore.AlertValidationFailed: {
		message.Text{JA: "ドメイン認証の自動設定に失敗しました", EN: "the domain validation could not be set up"},
		message.Text{JA: "DNSの設定と、パネルに登録したDNSの接続情報をご確認ください。", EN: "check the DNS zone and the DNS credentials the panel holds."}},
	jstore.AlertDCVWaiting: {
		message.Text{JA: "ドメイン認証が完了していません", EN: "the domain validation is not complete"},
		message.Text{JA: "ドメイン認証の手順のとおりに設定してください。", EN: "follow the domain validation steps."}},
	jstore.AlertDeployFailed: {
		message.Text{JA: "証明書をサーバーに配置できませんでした", EN: "the certificate could not be installed"},
		message.Text{JA: "配置先のサーバーの設定をご確認ください。解決すると自動で配置されます。", EN: "check the server; the certificate is installed by itself once it is fixed."}},
	jstore.AlertServedOther: {
		message.Text{JA: "サイトで別の証明書が配信されています", EN: "the site serves another certificate"},
		message.Text{JA: "サーバーの設定をご確認ください。", EN: "check the server's configuration."}},
	jstore.AlertExpiring: {
		message.Text{JA: "配信中の証明書の有効期限が近づいています", EN: "the certificate served ends soon"},
		message.Text{JA: "次の証明書の発行と配置の状況をご確認ください。", EN: "check the next certificate's issuance and installation."}},
	jstore.AlertCACredentials: {
		message.Text{JA: "認証局のAPIキーが受け付けられません", EN: "the CA refuses the API key"},
		message.Text{JA: "認証局のAPIキーとシークレットを確認してください。証明書の注文と更新は止まっています。", EN: "check the CA's API key and secret; ordering and renewals have stopped."}},
}

// letter is the subject and body of a raised alert in lang.
func (e *Email) letter(n jstore.Notice, lang message.Lang) (subject, body string) {
	a := n.Alert
	t, ok := kindTexts[a.Kind]
	if !ok {
		t.title = message.Text{JA: "お知らせ", EN: "notice"}
	}
	names := strings.Join(a.Names, "、")
	if lang == message.English {
		names = strings.Join(a.Names, ", ")
	}
	var b strings.Builder
	if lang == message.English {
		subject = "[SSL certificate] " + capitalise(t.title.EN)
		if names != "" {
			subject += ": " + names
		}
		b.WriteString(capitalise(strings.TrimSuffix(a.Reason.EN, ".")) + ".\n\n")
		line(&b, "Domains", names)
		line(&b, "Certificate", string(a.Certificate))
		line(&b, "Application", string(a.Application))
		line(&b, "Installed on", a.Target)
		line(&b, "Since", a.RaisedAt.In(e.c.Zone).Format("2006-01-02 15:04 MST"))
		b.WriteString("\nWhat to do: " + capitalise(t.todo.EN) + "\n")
		return subject, b.String()
	}
	subject = "【SSL証明書】" + t.title.JA
	if names != "" {
		subject += "：" + names
	}
	if n.Customer != nil && n.Customer.ContactName != "" {
		b.WriteString(n.Customer.ContactName + " 様\n\n")
	}
	b.WriteString(a.Reason.JA + "\n\n")
	line(&b, "ドメイン", names)
	line(&b, "証明書", string(a.Certificate))
	line(&b, "申請", string(a.Application))
	line(&b, "配置先", a.Target)
	line(&b, "発生日時", japaneseTime(a.RaisedAt.In(e.c.Zone)))
	b.WriteString("\n" + t.todo.JA + "\n")
	return subject, b.String()
}

func line(b *strings.Builder, label, value string) {
	if value != "" {
		sep := "："
		if label[0] < 0x80 {
			sep = ": "
		}
		b.WriteString(label + sep + value + "\n")
	}
}

// japaneseTime is t as 2029年3月20日 10時05分.
func japaneseTime(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日 %d時%02d分", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
