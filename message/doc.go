// Package message is the SDK's one vocabulary for what a customer or an operator reads.
//
// Every text is a Text: a Japanese and an English template under a stable code, with {name}
// marking each variable part. The variable parts are Args whose values render themselves in the
// reader's language — a limit as 2048ビット or 2048 bits, a list of terms as 1年・2年・3年 or
// 1, 2 or 3 years, an instant as 2027年6月12日 9時59分（JST） or 12 Jun 2027 09:59 JST — so a
// Japanese sentence never carries an English detail or Go's formatting. The args stay data:
// a panel with wording of its own renders its own template from the code and the same args.
//
// Packages keep their own tables (csr, jstore, quote); this package only renders.
package message
