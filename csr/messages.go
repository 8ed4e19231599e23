package csr

type message struct{ ja, en string }

// messages holds the text of every code; README lists them.
var messages = map[Code]message{
	CodeInputTooLarge:      {"CSRが64KiBを超えています。", "the CSR is larger than 64 KiB"},
	CodePEMMissing:         {"CSRが見つかりません。-----BEGIN CERTIFICATE REQUEST----- から -----END CERTIFICATE REQUEST----- までをテキストで貼り付けてください。", "no CSR found; paste it as text from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----"},
	CodePEMMalformed:       {"CSRの枠（BEGIN/END行）または本文が壊れています。ハイフン5個を含めて漏れなく貼り付けてください。", "the CSR's BEGIN/END lines or body are damaged; paste it whole, with five dashes on each side"},
	CodePrivateKey:         {"秘密鍵が貼り付けられています。秘密鍵は誰にも送らず、CSRだけを貼り付けてください。", "a private key was pasted; never send it to anyone, paste only the CSR"},
	CodeDERMalformed:       {"CSRの内容を解析できません（途中で切れているか壊れています）。", "the CSR's content cannot be parsed (it is truncated or corrupt)"},
	CodeVersion:            {"CSRのバージョン欄が0ではありません（古いツールの出力です）。", "the CSR's version field is not 0 (written by an old tool)"},
	CodeSignatureInvalid:   {"CSRの署名を検証できません。CSRを作り直してください。", "the CSR's signature does not verify; generate it again"},
	CodeSignatureAlgorithm: {"CSRの署名アルゴリズムが弱いか使えません。SHA-256以上で作り直してください。", "the CSR's signature algorithm is weak or unsupported; use SHA-256 or stronger"},
	CodeKeyAlgorithm:       {"この鍵の種類は受け付けられません。認証局はRSA鍵のみ受け付けます。", "this key type is not accepted; the CA takes RSA keys only"},
	CodeKeyTooSmall:        {"鍵長が短すぎます。", "the key is too small"},
	CodeKeyTooLarge:        {"鍵長が長すぎます。", "the key is too large"},
	CodeKeySize:            {"RSA鍵長は8の倍数にしてください。", "the RSA key size must be a multiple of 8"},
	CodeKeyExponent:        {"RSA公開指数が一般的な65537ではありません。", "the RSA public exponent is not the usual 65537"},
	CodeKeyWeak:            {"脆弱な鍵です。新しい鍵でCSRを作り直してください。", "the key is weak; generate a new key and CSR"},
	CodeCNMissing:          {"コモンネーム（CN）がありません。", "the CSR has no Common Name"},
	CodeCNInvalid:          {"コモンネーム（CN）がドメイン名として正しくありません。", "the Common Name is not a valid domain name"},
	CodeCNIP:               {"コモンネーム（CN）にIPアドレスは使えません。", "the Common Name cannot be an IP address"},
	CodeCNInternal:         {"コモンネーム（CN）が内部名または予約済みの名前です。公開ドメイン名を指定してください。", "the Common Name is an internal or reserved name; use a public domain name"},
	CodeCNWildcard:         {"ワイルドカード（*）の使い方が商品と合いません。*. は左端のラベル全体にのみ、ワイルドカード商品でのみ使えます。", "the wildcard does not fit the product: *. may stand only as the whole left-most label, and only on a wildcard product"},
	CodeCNIDN:              {"日本語ドメインはPunycode（xn--）形式で指定してください。", "write an internationalised domain name in its A-label (xn--) form"},
	CodeCNMismatch:         {"更新・再発行ではコモンネーム（CN）を発行済証明書と同じにしてください。", "on renewal and reissue the Common Name must equal the certificate's"},
	CodeSANInvalid:         {"SAN（サブジェクト代替名）のドメイン名が正しくありません。", "a subject alternative name is not a valid domain name"},
	CodeSANIP:              {"SANにIPアドレスは使えません。", "a subject alternative name cannot be an IP address"},
	CodeSANEmailURI:        {"SANにメールアドレスやURIは使えません。", "a subject alternative name cannot be an e-mail address or URI"},
	CodeSANTooMany:         {"SANの数が多すぎます。", "the CSR has too many subject alternative names"},
	CodeSubjectCharset:     {"サブジェクトに使えない文字または文字コードが含まれています。", "the subject contains characters or a string type that is not allowed"},
	CodeSubjectTooLong:     {"サブジェクトの項目が長すぎます。", "a subject field is too long"},
	CodeSubjectPlaceholder: {"サブジェクトの項目に「NA」「none」などの仮の値が入っています。", "a subject field holds a placeholder such as NA or none"},
	CodeSubjectOU:          {"部署名（OU）は認証局が削除するため証明書に載りません。", "the organisational unit (OU) is dropped by the CA and will not appear"},
	CodeCountryInvalid:     {"国名（C）はISO 3166の2文字コード（日本はJP）にしてください。", "the country (C) must be a two-letter ISO 3166 code (JP for Japan)"},
	CodeChallengePassword:  {"challengePassword属性が含まれています。この値は秘密ではありません。", "the CSR carries a challengePassword attribute; its value is not secret"},
	CodeExtension:          {"CSRが要求する拡張が受け付けられません。", "the CSR requests an extension that is not accepted"},
}
