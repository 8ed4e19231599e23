package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jstore-sdk/sdk/message"
)

// Bundle is what a deployer installs: PEM text of the leaf, of the intermediates in order,
// and of the private key. It prints without the key.
type Bundle struct {
	Names []string // the names the certificate covers, for the deployer's checks
	Leaf  []byte
	Chain []byte
	Key   []byte
}

// FullChain is the leaf followed by the chain, as nginx's ssl_certificate wants it.
func (b Bundle) FullChain() []byte {
	out := append([]byte{}, b.Leaf...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, b.Chain...)
}

// String names the bundle without its key.
func (b Bundle) String() string { return fmt.Sprintf("deploy.Bundle{%v}", b.Names) }

// GoString hides the key from %#v.
func (b Bundle) GoString() string { return b.String() }

// Format hides the key from every verb.
func (b Bundle) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(b.String())) }

// Deployer installs a bundle on the target it was made for. Deploy either leaves the new
// certificate served or the previous one (rolled back), never a mix.
type Deployer interface {
	Deploy(ctx context.Context, b Bundle) error
}

// Sentinels for errors.Is; an *Error matches the one of its Code.
var (
	ErrRefused      = errors.New("deploy: the server refused the certificate")
	ErrReload       = errors.New("deploy: the reload failed")
	ErrOutside      = errors.New("deploy: a path outside the configured directories")
	ErrUnauthorized = errors.New("deploy: the server refused the credentials")
	ErrUnknownSite  = errors.New("deploy: the domain is not on the server")
	ErrUnavailable  = errors.New("deploy: the server could not be reached")
	ErrNotCovered   = errors.New("deploy: the certificate does not cover the target's site")
)

// Error is a failed deployment: what failed (Code), where (Target), whether the previous
// certificate is still served (RolledBack), and the cause, with the server's output cut short.
type Error struct {
	Code       string // refused, reload, outside, unauthorized, unknown_site, unavailable, not_covered
	Target     string
	RolledBack bool
	Detail     string // the server's or command's words, at most 1 KiB
	Err        error
}

var codes = map[string]struct {
	sentinel error
	text     message.Text
}{
	"refused":      {ErrRefused, message.Text{JA: "{target}が証明書を受け付けませんでした。", EN: "{target} refused the certificate"}},
	"reload":       {ErrReload, message.Text{JA: "{target}の再読み込みに失敗しました。", EN: "reloading {target} failed"}},
	"outside":      {ErrOutside, message.Text{JA: "{target}の保存先が許可されたディレクトリの外にあります。", EN: "{target} points outside the configured directories"}},
	"unauthorized": {ErrUnauthorized, message.Text{JA: "{target}が認証情報を受け付けませんでした。", EN: "{target} refused the credentials"}},
	"unknown_site": {ErrUnknownSite, message.Text{JA: "{target}にこのドメインのサイトがありません。", EN: "{target} has no site for the domain"}},
	"unavailable":  {ErrUnavailable, message.Text{JA: "{target}に接続できませんでした。", EN: "{target} could not be reached"}},
	"not_covered":  {ErrNotCovered, message.Text{JA: "この証明書は{target}のサイトのドメインを含んでいません。", EN: "the certificate does not cover {target}'s site"}},
}

var rolledBackText = message.Text{JA: "以前の証明書のまま配信されています。", EN: "the previous certificate is still served"}

func (e *Error) Error() string {
	s := fmt.Sprintf("deploy: %s: %s", e.Target, e.Code)
	if e.RolledBack {
		s += " (rolled back)"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Message says in lang what failed and whether the previous certificate is still served.
func (e *Error) Message(lang message.Lang) string {
	c, ok := codes[e.Code]
	if !ok {
		return e.Error()
	}
	s := c.text.Render(lang, []message.Arg{message.With("target", message.Literal(e.Target))})
	if e.RolledBack {
		sep := "; "
		if lang == message.Japanese {
			sep = ""
		}
		s += sep + rolledBackText.Render(lang, nil)
	}
	return s
}

// Is matches the sentinel of the error's code.
func (e *Error) Is(target error) bool { return codes[e.Code].sentinel == target && target != nil }

func (e *Error) Unwrap() error { return e.Err }

// Cut shortens a server's or command's output (Error.Detail), or an error's text, to 1 KiB.
func Cut(b []byte) string {
	const most = 1024
	if len(b) > most {
		return string(b[:most]) + "…"
	}
	return string(b)
}

// Covers reports whether a certificate for names serves site: one of the names is site, or a
// wildcard for the labels below which site has exactly one more. Case and a final dot do not
// matter.
func Covers(names []string, site string) bool {
	site = strings.TrimSuffix(strings.ToLower(site), ".")
	for _, n := range names {
		n = strings.TrimSuffix(strings.ToLower(n), ".")
		if n == site {
			return true
		}
		if rest, ok := strings.CutPrefix(n, "*."); ok {
			if label, parent, found := strings.Cut(site, "."); found && label != "" && parent == rest {
				return true
			}
		}
	}
	return false
}

// NotCovered is the error for a bundle that does not cover site, returned before anything is
// sent or written: the previous certificate is still served.
func NotCovered(target, site string) error {
	return &Error{Code: "not_covered", Target: target, RolledBack: true, Detail: site}
}
