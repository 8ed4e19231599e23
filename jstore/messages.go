package jstore

import "github.com/jstore-sdk/sdk/message"

// problemTexts holds the wording of every validation problem the package reports; README
// lists the codes. Variable parts are args: {field} a field's name, {max} a limit with its unit.
var problemTexts = map[string]message.Text{
	"root_invalid":              {JA: "ルートオプションはStarfieldかGoDaddyを選んでください。", EN: "choose the Starfield or GoDaddy root"},
	"dcv_file_wildcard":         {JA: "ワイルドカード証明書はWebページ認証を使えません。DNS認証を選んでください。", EN: "wildcard certificates cannot use the web-page method; use DNS"},
	"dcv_email_sunset":          {JA: "認証メール方式は{sunset}以降の発行には使えません。固有ID方式を選んでください。", EN: "approver e-mail validation ends for issuance from {sunset}; use a unique-ID method"},
	"approver_invalid":          {JA: "認証メールの宛先は admin@ administrator@ hostmaster@ postmaster@ webmaster@ と申請ドメイン（または登録ドメインまでの上位ドメイン）の組み合わせにしてください。", EN: "the approver address must be admin@, administrator@, hostmaster@, postmaster@ or webmaster@ at the domain or a parent up to the registrable domain"},
	"dcv_invalid":               {JA: "ドメイン認証方式を選んでください。", EN: "choose a domain-validation method"},
	"approver_unexpected":       {JA: "認証メール方式以外では宛先は指定できません。", EN: "an approver address is only for the e-mail method"},
	"format_invalid":            {JA: "ファイル形式の指定が正しくありません。", EN: "the delivery format is not one of certificate, chain, intermediates, pkcs7, apache, nginx, iis"},
	"lang_invalid":              {JA: "言語は日本語（ja）か英語（en）を指定してください。", EN: "the language must be ja or en"},
	"encoding_invalid":          {JA: "文字コードの指定が正しくありません。", EN: "the encoding is not one of UTF8BOM, UTF8 or ShiftJIS"},
	"password_charset":          {JA: "パスワードに使えない文字が含まれています。", EN: "the password contains characters that are not allowed"},
	"password_length":           {JA: "パスワードは{min}以上{max}以下にしてください。", EN: "the password must be at least {min} and at most {max}"},
	"password_weak":             {JA: "パスワードには英字と数字の両方を含めてください。", EN: "the password must contain both letters and digits"},
	"password_is_login":         {JA: "ログインIDと同じパスワードは使えません。", EN: "the password must differ from the login ID"},
	"term_invalid":              {JA: "この商品の期間は{terms}から選んでください。", EN: "choose a term of {terms} for this product"},
	"san_slots_not_allowed":     {JA: "付帯ドメイン数はマルチドメイン証明書でのみ選べます。", EN: "SAN slots can be chosen only for multi-domain products"},
	"san_slots_invalid":         {JA: "付帯ドメイン数は{slots}から選んでください。", EN: "choose {slots}"},
	"mail_recipients":           {JA: "送信先は{min}から{max}までです。", EN: "give {min} to {max}"},
	"mail_address":              {JA: "{address}はメールアドレスとして使えません。名前を付けず、アドレスを1件ずつ指定してください。", EN: "{address} is not a plain e-mail address"},
	"product_unknown":           {JA: "商品が見つかりません。", EN: "unknown product"},
	"order_items":               {JA: "注文する申請を{min}から{max}まで選んでください。", EN: "choose {min} to {max} to order"},
	"order_duplicate":           {JA: "同じ申請が重複しています。", EN: "an application is listed twice"},
	"certificate_invalid":       {JA: "証明書を読み取れません。", EN: "the certificate cannot be read"},
	"certificate_key_mismatch":  {JA: "証明書の公開鍵がCSRと一致しません。", EN: "the certificate's public key is not the CSR's"},
	"certificate_name_mismatch": {JA: "証明書のコモンネームが申請と一致しません。", EN: "the certificate does not certify the application's common name"},
	"reason_invalid":            {JA: "失効理由を選んでください。", EN: "choose a revocation reason"},
	"control_character":         {JA: "{field}に制御文字または不正な文字が含まれています。", EN: "{field} contains control or invalid characters"},
	"too_long":                  {JA: "{field}は{max}以下にしてください。", EN: "{field} must be at most {max}"},
	"required":                  {JA: "{field}を入力してください。", EN: "{field} is required"},
	"login_id_invalid":          {JA: "ログインIDは3から64文字の半角英数字と . _ @ - で指定してください。", EN: "the login ID must be 3 to 64 ASCII letters, digits or . _ @ -"},
	"email_invalid":             {JA: "メールアドレスの形式が正しくありません。", EN: "the e-mail address is not valid"},
	"alert_emails_limit":        {JA: "アラートの宛先は{max}件までです。", EN: "at most {max} addresses can receive alerts"},
	"language_unknown":          {JA: "ご連絡に使う言語は日本語か英語からお選びください。", EN: "choose Japanese or English as the language we write to you in"},
	"input_too_large":           {JA: "CSRが{max}を超えています。", EN: "the CSR is larger than {max}"},
	"san_too_many":              {JA: "付帯ドメインは{max}までです。", EN: "at most {max}"},
	"san_over_slots":            {JA: "付帯ドメインの数（{count}）が購入枠（{slots}）を超えています。", EN: "more SANs ({count}) than the purchased slots ({slots})"},
	"san_not_allowed":           {JA: "付帯ドメインはマルチドメイン証明書でのみ登録できます。", EN: "SANs can be registered only on multi-domain products"},
	"san_wildcard":              {JA: "付帯ドメインにワイルドカードは使えません。", EN: "a SAN cannot be a wildcard"},
	"page_cursor":               {JA: "ページの指定が正しくありません。", EN: "the page cursor is not valid"},
	"page_limit":                {JA: "ページサイズは{min}から{max}までです。", EN: "the page limit must be {min} to {max}"},
	"ca_renewal_window":         {JA: "認証局の更新受付期間（有効期限の60日前から30日後まで）を外れたため、更新として注文できませんでした。残りの有効期間を引き継ぐ新規注文に切り替えてください。", EN: "the CA's renewal window (60 days before to 30 days after the end) has passed, so the renewal could not be ordered; switch it to a new order that carries the remaining days over (ConvertRenewalToNew)"},
	"ca_refused":                {JA: "認証局が申請を受け付けませんでした。申請内容を確認して、もう一度注文してください。（認証局の応答：{ca_message}）", EN: "the CA refused the application; check it and order again ({ca_message})"},
	"ca_error":                  {JA: "認証局（{env}）に接続できましたが、想定外の応答でした。ログを確認してください。", EN: "the CA ({env}) answered in an unexpected way; see the logs"},
	"ca_forbidden":              {JA: "APIキーは認証局（{env}）に受け付けられましたが、証明書を扱う権限がありません。証明書の権限があるアカウントのキーを使ってください。", EN: "the CA ({env}) accepted the API key but it has no access to certificates; use a key of an account with certificates access"},
	"ca_unauthorized":           {JA: "認証局（{env}）がAPIキーとシークレットを受け付けませんでした。キーとシークレットが正しいか、またこの環境用のキーか（OTE用のキーは本番では使えず、その逆も同じです）を確認してください。", EN: "the CA ({env}) refused the API key and secret; check them, and that they are for this environment (OTE keys do not work in production, nor production keys in OTE)"},
	"ca_unavailable":            {JA: "認証局（{env}）に接続できません。ネットワークと接続先URLを確認してください。", EN: "the CA ({env}) cannot be reached; check the network and the base URL"},
	"dcv_email_not_sent":        {JA: "認証局からの認証メールがまだ送信されていません。しばらく待ってから確認してください。", EN: "the CA has not sent the approval e-mail yet; check again shortly"},
	"dcv_caa_lookup":            {JA: "{domain}のCAAレコードを確認できませんでした。DNSの設定を確認してください。", EN: "the CAA records of {domain} could not be looked up; check the DNS"},
	"deploy_target_unknown":     {JA: "配置先「{target}」は設定されていません。", EN: "no deployment target is named {target}"},
	"dcv_caa_forbidden":         {JA: "{domain}のCAAレコードが認証局による発行を許可していません。CAAレコード {record} を追加してください（GoDaddyルートは {godaddy}）。", EN: "the CAA records of {domain} do not allow the CA to issue; add {record} ({godaddy} for the GoDaddy root)"},
	"dcv_dns_lookup":            {JA: "{name}のTXTレコードを問い合わせられませんでした。しばらくしてから確認してください。", EN: "the TXT records of {name} could not be looked up; check again shortly"},
	"dcv_txt_missing":           {JA: "{name}に値が{value}のTXTレコードが見つかりません。登録済みの場合はDNSの反映を待ってから確認してください。", EN: "no TXT record at {name} holds {value}; if it is published, wait for DNS to update and check again"},
	"dcv_file_missing":          {JA: "{url}に固有ID {value} だけを書いたファイルを置いてください（見つからないか、内容が違います）。", EN: "serve a file holding only the unique ID {value} at {url} (it is missing or holds something else)"},
	"mail_not_sent":             {JA: "証明書を{to}に送信できませんでした。しばらくしてからもう一度お試しください。", EN: "the certificate was not sent to {to}; try again later"},
	"csv_cell":                  {JA: "{row}行目・{column}列目（{header}）の{char}はShift_JISで書けません。UTF-8を選ぶか、置き換えを指定してください。", EN: "{char} in row {row}, column {column} ({header}) cannot be written in Shift_JIS; choose UTF-8 or replacement"},
	"store_key":                 {JA: "記録のIDまたはアカウントがありません。", EN: "the record has no ID or account"},
}

// stateTexts holds the wording of every reason a record refuses a call (*StateError).
var stateTexts = map[string]message.Text{
	"cancel_not_allowed":  {JA: "取り消せるのは未発行の新規注文だけです（この申請は{kind}・{status}）。", EN: "only a new order not yet issued can be cancelled (it is {kind}, {status})"},
	"order_placing":       {JA: "認証局へ注文中です。次の同期の後でもう一度お試しください。", EN: "the order is being placed with the CA; try again after the next sync"},
	"changed_meanwhile":   {JA: "この間に申請が更新されました。もう一度お試しください。", EN: "the application changed meanwhile; try again"},
	"application_status":  {JA: "申請は{status}です。", EN: "the application is {status}"},
	"not_awaiting_dcv":    {JA: "この申請は認証局でドメイン認証を待っていません（{status}）。", EN: "the application is not awaiting validation at the CA (it is {status})"},
	"root_fixed":          {JA: "ルートオプションは注文の一部です。発行後に再発行で変更してください。", EN: "the root option is part of the order; change it by a reissue once issued"},
	"not_via_ca":          {JA: "この証明書は認証局を通して注文されていないため、この操作はできません。", EN: "the certificate was not ordered through the CA, so this cannot be done"},
	"delivery_mismatch":   {JA: "認証局から受け取った証明書が記録と一致しないため、何も送っていません。", EN: "nothing was delivered: what the CA holds does not match the record"},
	"reissue_with_ca":     {JA: "再発行（{application}）が認証局で処理中です。発行後に切り替えてください。", EN: "reissue {application} is with the CA; replace the certificate once it is issued"},
	"outside_window":      {JA: "更新できるのは{from}から{to}までです。", EN: "the renewal window is {from} to {to}"},
	"convert_not_allowed": {JA: "新規注文に切り替えられるのはカートにある更新申請だけです。", EN: "only a renewal in the cart can be converted"},
	"remove_not_allowed":  {JA: "注文済みの申請はカートから削除できません。", EN: "an ordered application cannot be removed"},
	"certificate_status":  {JA: "証明書は{status}です。", EN: "the certificate is {status}"},
	"locked_by_renewal":   {JA: "この証明書は更新申請（{application}）のためロックされています。", EN: "application {application} moved the certificate into renewal"},
	"window_closed":       {JA: "証明書{certificate}の更新期間が終了しました。", EN: "the renewal window of {certificate} has closed"},
	"issue_not_allowed":   {JA: "発行を記録できるのは注文済みの申請だけです（この申請は{status}）。", EN: "only an ordered application can be issued (it is {status})"},
	"replaced_not_active": {JA: "置き換える証明書{certificate}は{status}です。", EN: "certificate {certificate} is {status}"},
	"no_csr":              {JA: "申請にCSRがありません。", EN: "the application has no CSR"},
	"csr_unreadable":      {JA: "保存されたCSRを読み取れません。", EN: "the stored CSR cannot be parsed"},
	"inquiry_closed":      {JA: "このお問い合わせは既に{status}です。", EN: "the inquiry is already {status}"},
	"reissue_open":        {JA: "再発行（{application}）が既に進行中です。", EN: "reissue {application} is already open"},
	"reissue_incomplete":  {JA: "再発行を申し込めるのは申請情報入力1と2を登録した後です。", EN: "only a reissue with steps 1 and 2 registered can be submitted"},
	"step1_first":         {JA: "申請情報入力2の前に申請情報入力1（CSR）を登録してください。", EN: "step 1 (CSR) must be registered before step 2"},
	"not_editable":        {JA: "申請は{status}のため、もう変更できません。", EN: "the application is {status} and can no longer be edited"},
	"product_withdrawn":   {JA: "商品{product}は取り扱いを終了しました。", EN: "product {product} is no longer in the catalogue"},
	"not_orderable":       {JA: "注文できない申請があります（申請情報が未登録か注文済みです）：{applications}", EN: "not orderable (application info not registered or already ordered): {applications}"},
	"renewal_change":      {JA: "更新では{fields}を変更できません。残りの有効期間を引き継ぐ新規注文に切り替えてください。", EN: "a renewal cannot change {fields}; make it a new order that carries the remaining days over"},
}

// kindTexts holds each Kind's wording, for errors that carry nothing more specific.
var kindTexts = map[Kind]message.Text{
	KindNotFound:          {JA: "見つかりません。", EN: "not found"},
	KindConflict:          {JA: "他の操作で記録が更新されました。画面を読み込み直してからもう一度お試しください。", EN: "the record changed since it was read; reload and try again"},
	KindInvalid:           {JA: "入力内容に誤りがあります。", EN: "the input is not valid"},
	KindExists:            {JA: "既に使われています。", EN: "already exists"},
	KindUnauthenticated:   {JA: "ログインIDまたはパスワードが違います。", EN: "the login ID or password is wrong"},
	KindState:             {JA: "現在の状態ではこの操作はできません。", EN: "not allowed in the record's current state"},
	KindCertificateLocked: {JA: "この証明書はカートにある更新申請のためロックされています。", EN: "the certificate is locked by a renewal in the cart"},
	KindOutsideWindow:     {JA: "更新期間外です。", EN: "outside the renewal window"},
	KindRenewalChange:     {JA: "更新ではこの項目を変更できません。", EN: "a renewal cannot change these fields"},
	KindNotSent:           {JA: "メールを送信できませんでした。", EN: "the mail was not sent"},
}

// fieldNames are the names of the fields a problem can concern, as a customer reads them.
var fieldNames = map[string]message.Text{
	"company":                  {JA: "会社名", EN: "company"},
	"department":               {JA: "部署名", EN: "department"},
	"contact_name":             {JA: "担当者名", EN: "contact name"},
	"email":                    {JA: "メールアドレス", EN: "e-mail address"},
	"to":                       {JA: "送信先メールアドレス", EN: "recipient address"},
	"phone":                    {JA: "電話番号", EN: "phone"},
	"postal_code":              {JA: "郵便番号", EN: "postal code"},
	"address":                  {JA: "住所", EN: "address"},
	"contract":                 {JA: "契約番号", EN: "contract reference"},
	"note":                     {JA: "備考", EN: "note"},
	"message":                  {JA: "本文", EN: "message"},
	"login_id":                 {JA: "ログインID", EN: "login ID"},
	"organization.name":        {JA: "組織名", EN: "organisation name"},
	"organization.address":     {JA: "組織の住所", EN: "organisation address"},
	"organization.postal_code": {JA: "組織の郵便番号", EN: "organisation postal code"},
	"organization.phone":       {JA: "組織の電話番号", EN: "organisation phone"},
	"san_slots":                {JA: "付帯ドメイン数", EN: "SAN slots"},
}

// valueNames are the words for the coded values a customer reads: statuses, kinds, methods.
var valueNames = map[string]message.Text{
	string(StatusProductSelected): {JA: "商品選択済", EN: "product selected"},
	string(StatusInfoRegistered):  {JA: "登録済み（訂正）", EN: "registered"},
	string(StatusOrdered):         {JA: "注文完了", EN: "ordered"},
	string(StatusIssued):          {JA: "発行済", EN: "issued"},
	string(StatusCancelled):       {JA: "取消済", EN: "cancelled"},
	string(CertRevoked):           {JA: "失効", EN: "revoked"},
	string(CertReplaced):          {JA: "置換済", EN: "replaced"},
	string(AppNew):                {JA: "新規", EN: "new"},
	string(AppRenewal):            {JA: "更新", EN: "renewal"},
	string(AppReissue):            {JA: "再発行", EN: "reissue"},
	string(InquiryOpen):           {JA: "受付中", EN: "open"},
	string(InquiryDeclined):       {JA: "対応済（失効なし）", EN: "declined"},
	string(DCVDNS):                {JA: "DNS認証", EN: "DNS"},
	string(DCVFile):               {JA: "Webページ認証", EN: "web page"},
	string(DCVEmail):              {JA: "認証メール", EN: "approver e-mail"},
	string(RootStarfield):         {JA: "Starfield", EN: "Starfield"},
	string(RootGoDaddy):           {JA: "GoDaddy", EN: "GoDaddy"},

	string(EventAccountRegistered):      {JA: "アカウント登録", EN: "account registered"},
	string(EventLoginIDChanged):         {JA: "ログインID変更", EN: "login ID changed"},
	string(EventPasswordChanged):        {JA: "パスワード変更", EN: "password changed"},
	string(EventCustomerUpdated):        {JA: "お客様情報変更", EN: "customer information updated"},
	string(EventContractChanged):        {JA: "契約価格の変更", EN: "contract changed"},
	string(EventApplicationStarted):     {JA: "申請開始", EN: "application started"},
	string(EventStep1Registered):        {JA: "申請情報入力1の登録", EN: "application info 1 registered"},
	string(EventStep2Registered):        {JA: "申請情報入力2の登録", EN: "application info 2 registered"},
	string(EventApplicationRemoved):     {JA: "申請の削除", EN: "application removed"},
	string(EventApplicationConvert):     {JA: "新規注文への切り替え", EN: "converted to a new order"},
	string(EventApplicationCancelled):   {JA: "申請の取消", EN: "application cancelled"},
	string(EventOrderCompleted):         {JA: "注文完了", EN: "order completed"},
	string(EventCertificateIssued):      {JA: "発行", EN: "issued"},
	string(EventCertificateRenewed):     {JA: "更新", EN: "renewed"},
	string(EventCertificateReissued):    {JA: "再発行", EN: "reissued"},
	string(EventCertificateReplaced):    {JA: "置き換え", EN: "replaced"},
	string(EventCertificateLocked):      {JA: "更新申請によるロック", EN: "locked by a renewal"},
	string(EventCertificateUnlocked):    {JA: "ロック解除", EN: "unlocked"},
	string(EventReissueRequested):       {JA: "再発行の申し込み", EN: "reissue requested"},
	string(EventRevocationRequested):    {JA: "失効のお問い合わせ", EN: "revocation requested"},
	string(EventInquiryResolved):        {JA: "お問い合わせへの対応", EN: "inquiry resolved"},
	string(EventCertificateRevoked):     {JA: "失効", EN: "revoked"},
	string(EventCAOrderPlaced):          {JA: "認証局への注文", EN: "ordered from the CA"},
	string(EventCADuplicateOrder):       {JA: "認証局での重複注文", EN: "duplicate order at the CA"},
	string(EventOrderLineVoided):        {JA: "注文明細の取消（返金対象）", EN: "order line voided (refund due)"},
	string(EventIssuanceFlagged):        {JA: "発行内容の確認待ち", EN: "issuance flagged for staff"},
	string(EventCAStateChanged):         {JA: "認証局での状態変化", EN: "state changed at the CA"},
	string(EventCertificateDelivered):   {JA: "再取得（ダウンロード・メール）", EN: "delivered"},
	string(EventDCVPublished):           {JA: "ドメイン認証用レコードの自動登録", EN: "validation record published"},
	string(EventDCVPublishFailed):       {JA: "ドメイン認証用レコードの自動登録の失敗", EN: "validation record not published"},
	string(EventDCVValidationRequested): {JA: "認証局へのドメイン認証の依頼", EN: "validation asked of the CA"},
	string(EventDCVRemoved):             {JA: "ドメイン認証用レコードの削除", EN: "validation record removed"},
	string(EventDCVWaiting):             {JA: "ドメイン認証待ちのお知らせ", EN: "waiting for domain validation"},
	string(EventDeployTargetAdded):      {JA: "配置先の追加", EN: "deployment target added"},
	string(EventDeployTargetRemoved):    {JA: "配置先の削除", EN: "deployment target removed"},
	string(EventDeploySucceeded):        {JA: "配置", EN: "deployed"},
	string(EventDeployFailed):           {JA: "配置の失敗", EN: "deployment failed"},
	string(EventDeployMismatch):         {JA: "配信内容の相違", EN: "the live site serves something else"},
	string(EventDeployServedCurrent):    {JA: "配信の確認", EN: "seen served"},
	string(EventDeployExpiring):         {JA: "配信中の証明書の期限切れ間近", EN: "what is served ends soon"},
	string(EventAlertRaised):            {JA: "アラートの発生", EN: "alert raised"},
	string(EventAlertCleared):           {JA: "アラートの解消", EN: "alert cleared"},
}

// ValueName words a coded value a customer reads — an application's or a certificate's status,
// an application's kind, a DCV method, a root option, an event's type — in lang; an unknown
// value reads as itself.
func ValueName(v string, lang message.Lang) string {
	if t, ok := valueNames[v]; ok {
		return t.Template(lang) // no allocation: the CSV export calls this three times a row
	}
	return v
}

// named renders a coded value (a status, a kind) in the reader's language; an unknown one as it is.
func named(v string) message.Value {
	if t, ok := valueNames[v]; ok {
		return message.Phrase(t)
	}
	return message.Literal(v)
}

// fieldName renders a field's name; an unknown one as it is.
func fieldName(f string) message.Value {
	if t, ok := fieldNames[f]; ok {
		return message.Phrase(t)
	}
	return message.Literal(f)
}

// newProblem builds a problem from the table.
func newProblem(code, field string, args ...message.Arg) Problem {
	return Problem{Code: code, Field: field, Text: problemTexts[code], Args: args}
}

// NewProblem builds a problem of this package's vocabulary (code from README's table), for
// stores and other packages that report a jstore problem. An unknown code reads as itself.
func NewProblem(code, field string, args ...message.Arg) Problem {
	p := newProblem(code, field, args...)
	if p.Text == (message.Text{}) {
		p.Text = message.Text{JA: code, EN: code}
	}
	return p
}

func count(n int, u message.Unit) message.Count { return message.Count{N: int64(n), Unit: u} }

func arg(name string, v message.Value) message.Arg { return message.With(name, v) }
