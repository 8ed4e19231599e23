package main

import "github.com/jstore-sdk/sdk/message"

// words are the panel's own labels; the SDK's messages come from the SDK.
var words = map[string]message.Text{
	"portal":         {JA: "SSL証明書ポータル", EN: "SSL certificate portal"},
	"login":          {JA: "ログイン", EN: "Log in"},
	"logout":         {JA: "ログアウト", EN: "Log out"},
	"login_id":       {JA: "ログインID", EN: "Login ID"},
	"password":       {JA: "パスワード", EN: "Password"},
	"login_failed":   {JA: "ログインIDまたはパスワードが違います。", EN: "The login ID or password is wrong."},
	"login_locked":   {JA: "ログインの失敗が続いたため、しばらくログインできません。15分後にお試しください。", EN: "Too many failed logins; try again in 15 minutes."},
	"top":            {JA: "トップ", EN: "Top"},
	"quote":          {JA: "見積取得", EN: "Quote"},
	"apply":          {JA: "証明書申請", EN: "Apply"},
	"cart":           {JA: "カート", EN: "Cart"},
	"certificates":   {JA: "証明書管理", EN: "Certificates"},
	"account":        {JA: "アカウント情報", EN: "Account"},
	"inquiry":        {JA: "お問い合わせ", EN: "Inquiries"},
	"renewable":      {JA: "更新可能な証明書", EN: "Renewable certificates"},
	"pending":        {JA: "未注文の申請", EN: "Applications not yet ordered"},
	"reissues_due":   {JA: "再発行時期の証明書", EN: "Certificates due for reissue"},
	"product":        {JA: "商品", EN: "Product"},
	"term":           {JA: "期間（年）", EN: "Term (years)"},
	"san_slots":      {JA: "付帯ドメイン数", EN: "SAN slots"},
	"next":           {JA: "次へ", EN: "Next"},
	"save":           {JA: "登録", EN: "Save"},
	"step1":          {JA: "申請情報入力1", EN: "Application info 1"},
	"step2":          {JA: "申請情報入力2", EN: "Application info 2"},
	"csr":            {JA: "CSR", EN: "CSR"},
	"sans":           {JA: "付帯ドメイン（1行に1つ）", EN: "SANs (one a line)"},
	"org_name":       {JA: "組織名", EN: "Organisation name"},
	"org_address":    {JA: "住所", EN: "Address"},
	"org_postal":     {JA: "郵便番号", EN: "Postal code"},
	"org_phone":      {JA: "電話番号", EN: "Phone"},
	"dcv":            {JA: "ドメイン認証方式", EN: "Domain validation"},
	"dcv_dns":        {JA: "DNS認証（TXTレコード）", EN: "DNS (TXT record)"},
	"dcv_file":       {JA: "Webページ認証（ファイル）", EN: "Web page (file)"},
	"dcv_email":      {JA: "認証メール", EN: "Approver e-mail"},
	"approver":       {JA: "認証メールの宛先", EN: "Approver address"},
	"root":           {JA: "ルートオプション", EN: "Root"},
	"status":         {JA: "状態", EN: "Status"},
	"order":          {JA: "注文完了", EN: "Complete the order"},
	"orderable":      {JA: "注文可能", EN: "Orderable"},
	"not_orderable":  {JA: "申請情報の登録待ち", EN: "Waiting for the application info"},
	"remove":         {JA: "削除", EN: "Remove"},
	"empty_cart":     {JA: "カートは空です。", EN: "The cart is empty."},
	"renewable_left": {JA: "更新できる証明書があと{n}件あります。", EN: "{n} more certificates can be renewed."},
	"ordered":        {JA: "注文を受け付けました。", EN: "The order was placed."},
	"total":          {JA: "合計（税込）", EN: "Total (tax included)"},
	"dcv_todo":       {JA: "ドメイン認証の手順", EN: "How to validate the domains"},
	"txt_name":       {JA: "TXTレコード名", EN: "TXT record name"},
	"txt_value":      {JA: "値", EN: "Value"},
	"file_url":       {JA: "ファイルのURL", EN: "File URL"},
	"file_content":   {JA: "ファイルの内容", EN: "File content"},
	"check_now":      {JA: "今すぐ確認", EN: "Check now"},
	"check_ready":    {JA: "確認できました。認証局に確認を依頼しました。", EN: "Found; the CA was asked to validate."},
	"validated":      {JA: "認証済み", EN: "Validated"},
	"common_name":    {JA: "コモンネーム", EN: "Common name"},
	"expires":        {JA: "有効期限", EN: "Expires"},
	"download":       {JA: "ダウンロード", EN: "Download"},
	"none":           {JA: "ありません。", EN: "None."},
	"not_found":      {JA: "見つかりません。", EN: "Not found."},
	"forbidden":      {JA: "フォームの有効期限が切れました。画面を読み込み直してからもう一度お試しください。", EN: "The form expired; reload the page and try again."},
	"language":       {JA: "English", EN: "日本語"},
	"applications":   {JA: "申請一覧", EN: "Applications"},
	"detail":         {JA: "詳細", EN: "Details"},
}

// word renders a label in lang; an unknown key shows as itself so it is noticed.
func word(lang, k string, args ...message.Arg) string {
	t, ok := words[k]
	if !ok {
		return k
	}
	return t.Render(message.Lang(lang), args)
}
