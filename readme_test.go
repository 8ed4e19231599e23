package sdk_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	// The packages the snippets use are this test's own imports: go test compiles them before
	// it runs the test, and the snippets' build then finds them in the build cache instead of
	// compiling them a second time beside the rest of the suite.
	_ "github.com/jstore-sdk/sdk/billing"
	_ "github.com/jstore-sdk/sdk/csr"
	_ "github.com/jstore-sdk/sdk/dcv/rfc2136"
	_ "github.com/jstore-sdk/sdk/deploy/cpanel"
	_ "github.com/jstore-sdk/sdk/deploy/files"
	_ "github.com/jstore-sdk/sdk/deploy/plesk"
	_ "github.com/jstore-sdk/sdk/jstore/ca/adapter"
	_ "github.com/jstore-sdk/sdk/jstore/ca/catest"
	_ "github.com/jstore-sdk/sdk/jstore/memstore"
	_ "github.com/jstore-sdk/sdk/jstore/smtpmail"
	_ "github.com/jstore-sdk/sdk/jstore/sqlstore"
	_ "github.com/jstore-sdk/sdk/jstore/storetest"
	_ "github.com/jstore-sdk/sdk/keystore"
	_ "github.com/jstore-sdk/sdk/notify"
	_ "github.com/jstore-sdk/sdk/quote"
	_ "github.com/jstore-sdk/sdk/seal"
	_ "github.com/jstore-sdk/sdk/tlscheck"
)

// snippetPreamble makes a README fragment compile: the packages fragments use, and variables
// of the types their free names stand for. Fragments declare their own variables with :=.
const snippetPreamble = `package snippet

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"os"
	"testing"
	"time"

	"go.opentelemetry.io/otel/metric"

	"github.com/jstore-sdk/sdk/billing"
	"github.com/jstore-sdk/sdk/csr"
	"github.com/jstore-sdk/sdk/dcv"
	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/deploy/cpanel"
	"github.com/jstore-sdk/sdk/deploy/files"
	"github.com/jstore-sdk/sdk/deploy/plesk"
	"github.com/jstore-sdk/sdk/dcv/rfc2136"
	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/ca"
	"github.com/jstore-sdk/sdk/jstore/ca/adapter"
	"github.com/jstore-sdk/sdk/jstore/ca/catest"
	"github.com/jstore-sdk/sdk/jstore/memstore"
	"github.com/jstore-sdk/sdk/jstore/smtpmail"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
	"github.com/jstore-sdk/sdk/jstore/storetest"
	"github.com/jstore-sdk/sdk/keystore"
	"github.com/jstore-sdk/sdk/message"
	"github.com/jstore-sdk/sdk/notify"
	"github.com/jstore-sdk/sdk/quote"
	"github.com/jstore-sdk/sdk/seal"
	"github.com/jstore-sdk/sdk/tlscheck"
)

var (
	_ = context.Background
	_ = x509.NewCertPool
	_ = errors.Is
	_ = fmt.Println
	_ = log.Print
	_ = http.Handle
	_ = os.Getenv
	_ = time.Now
	_ = testing.Short
	_ = csr.Check
	_ = dcv.NewDNS
	_ = rfc2136.New
	_ = ca.NewClient
	_ = adapter.New
	_ = catest.NewServer
	_ = memstore.New
	_ = smtpmail.New
	_ = sqlstore.OpenSQLite
	_ = storetest.Run
	_ = keystore.New
	_ = deploy.Cut
	_ = files.New
	_ = cpanel.New
	_ = plesk.New
	_ = tlscheck.CodeChain
	_ = message.Japanese
	_ = quote.New
	_ = seal.Check
	_ = notify.Verify
	_ = billing.Totals
	_ = json.Unmarshal
	_ = slog.Default
)

var (
	ctx        context.Context
	err        error
	store      jstore.Store
	db         *sqlstore.Store
	sealingKey []byte
	chainPEM   []byte
	held       *keystore.Keys
	certID     jstore.CertificateID
	leaf       *x509.Certificate
	svc        *jstore.Service
	upstream   jstore.CA
	quoter     *quote.Quoter
	renderer   *quote.Renderer
	book       quote.PriceBook
	list       map[string]map[int]int64
	perSlot    map[string]int64
	lookup     func(context.Context, string) (*quote.Contract, error)
	lines      []quote.LineRequest
	png        []byte
	info       jstore.CustomerInfo
	password   string
	pemText    string
	sans       []string
	org        jstore.Organization
	leafPEM    string
	hostname   string
	ids        []jstore.ApplicationID
	acct       jstore.Account
	app        jstore.Application
	cert       jstore.Certificate
	w          io.Writer
	f          io.Reader
	key        string
	secret     string
	customerID string
	contact    ca.Contact
	csrPEM     string
	newCSR     string
	pasted     []byte
	id         string
	keys       jstore.KeySource
	mailer     jstore.Mailer

	meterProvider metric.MeterProvider
)

func main() {}
`

// TestREADMESnippetsCompile builds every Go snippet of the README against this module: a
// snippet that is a whole file as it is, a function as a declaration, any other as the body of
// a function after the preamble. A README that shows code a panel cannot compile fails here.
// Each snippet is its own package, not a main one: compiling proves it, and linking a binary
// per snippet would only cost time.
func TestREADMESnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the README's snippets with the go command; not run with -short")
	}
	root, err := os.Getwd()
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	snippets := goBlocks(string(readme))
	require.GreaterOrEqual(t, len(snippets), 10, "README's Go snippets are found")

	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	mod := fmt.Sprintf("module readmesnippets\n\ngo 1.26\n\nrequire github.com/jstore-sdk/sdk v0.0.0\n\nreplace github.com/jstore-sdk/sdk => %s\n", root)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644))
	for i, s := range snippets {
		src, err := snippetFile(s.code)
		require.NoError(t, err, "README line %d: the snippet does not parse", s.line)
		pkg := filepath.Join(dir, fmt.Sprintf("line%04d", s.line))
		require.NoError(t, os.MkdirAll(pkg, 0o755), "snippet %d", i)
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "main.go"), []byte(src), 0o644))
	}
	args := []string{"build", "-mod=mod", "-o", os.DevNull}
	if raceEnabled {
		args = append(args, "-race") // reuse what go test -race built
	}
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "README snippets (lineNNNN is the snippet's line in README.md):\n%s", out)
}

type snippet struct {
	line int
	code string
}

// goBlocks returns the README's ```go blocks with the line each starts on.
func goBlocks(readme string) []snippet {
	var out []snippet
	lines := strings.Split(readme, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```go" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		out = append(out, snippet{line: start + 1, code: strings.Join(lines[start:i], "\n")})
	}
	return out
}

// snippetFile makes a compilable file of a snippet. A body's variables are used once at its
// end, since a fragment shows calls whose results a reader would go on to use.
func snippetFile(code string) (string, error) {
	trimmed := strings.TrimSpace(code)
	switch {
	case strings.HasPrefix(trimmed, "package main"):
		return "package snippet" + strings.TrimPrefix(trimmed, "package main") + "\n", nil
	case strings.HasPrefix(trimmed, "package "):
		return code, nil
	case strings.HasPrefix(trimmed, "func "):
		return strings.Replace(snippetPreamble, "func main() {}\n", "func main() {}\n\n"+code+"\n", 1), nil
	}
	body := "func snippet() {\n" + code + "\n}\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", snippetPreamble+body, 0)
	if err != nil {
		return "", err
	}
	var uses bytes.Buffer
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "snippet" {
			continue
		}
		for _, st := range fn.Body.List {
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						fmt.Fprintf(&uses, "\t_ = %s\n", id.Name)
					}
				}
			}
		}
	}
	return snippetPreamble + "func snippet() {\n" + code + "\n" + uses.String() + "}\n", nil
}
