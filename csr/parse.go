package csr

import (
	"github.com/jstore-sdk/sdk/internal/csrder"
	"github.com/jstore-sdk/sdk/message"

	"bytes"
	"encoding/base64"
	"encoding/pem"
	"strings"
	"unicode/utf8"
)

// MaxInputBytes is the most text Parse and Check accept.
const MaxInputBytes = 64 << 10

var labels = map[string]bool{"CERTIFICATE REQUEST": true, "NEW CERTIFICATE REQUEST": true}

// Parse extracts the single CSR from pasted text and parses it. It is tolerant of what people
// paste — CRLF or CR line ends, a byte-order mark, spaces around lines, the NEW CERTIFICATE
// REQUEST label, base64 wrapped at any width, prose or an `openssl req -text` dump around the
// block — and strict about what is wrong: missing or mangled BEGIN/END lines, bad base64,
// truncation, two blocks, data after the END line. A pasted private key is refused and none of
// its bytes appear in the error. Parse does not judge the CSR; Check does.
func Parse(text []byte) (*Request, error) {
	der, p := decodePEM(text)
	if p != nil {
		return nil, &Error{Problems: []Problem{*p}}
	}
	c, err := csrder.Parse(der)
	if err != nil {
		var ok bool
		if c, ok = csrder.ParseNamesAside(der); !ok {
			return nil, &Error{Problems: []Problem{{Code: CodeDERMalformed, Field: "csr"}}}
		}
	}
	return newRequest(der, c), nil
}

// decodePEM finds the one CSR block and decodes its base64, or says what is wrong.
func decodePEM(text []byte) ([]byte, *Problem) {
	bad := func(code Code, d message.Value) ([]byte, *Problem) {
		return nil, &Problem{Code: code, Field: "csr", Detail: d}
	}
	if len(text) > MaxInputBytes {
		return bad(CodeInputTooLarge, nil)
	}
	if isPrivateKey(text) {
		return bad(CodePrivateKey, nil)
	}
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	if der, ok := cleanPEM(text); ok {
		return der, nil
	}
	if !utf8.Valid(text) || bytes.IndexByte(text, 0) >= 0 {
		return bad(CodePEMMissing, detail("binary"))
	}
	if !bytes.Contains(text, []byte("BEGIN")) {
		return bad(CodePEMMissing, nil)
	}
	lines := splitLines(string(text))
	begin, end := -1, -1
	for i, ln := range lines {
		kind, label, exact := armor(ln)
		switch {
		case kind == "BEGIN" && labels[label] || kind == "BEGIN" && strings.Contains(label, "REQUEST"):
			if begin >= 0 {
				return bad(CodePEMMalformed, detail("two_blocks"))
			}
			if !exact || !labels[label] {
				return bad(CodePEMMalformed, detail("begin_line"))
			}
			begin = i
		case kind == "END" && begin >= 0 && end < 0:
			if !exact || label != labelAt(lines[begin]) {
				return bad(CodePEMMalformed, detail("end_line"))
			}
			end = i
		}
	}
	switch {
	case begin < 0 && bytes.Contains(text, []byte("BEGIN")) && bytes.Contains(text, []byte("CERTIFICATE REQUEST")):
		return bad(CodePEMMalformed, detail("begin_alone"))
	case begin < 0:
		return bad(CodePEMMissing, nil)
	case end < 0:
		return bad(CodePEMMalformed, detail("end_missing"))
	}
	for _, ln := range lines[end+1:] {
		if ln == "" {
			continue
		}
		if looksBase64(ln) {
			return bad(CodePEMMalformed, detail("after_end"))
		}
		break
	}
	var body strings.Builder
	for _, ln := range lines[begin+1 : end] {
		body.WriteString(strings.Join(strings.Fields(ln), ""))
	}
	der, err := base64.StdEncoding.DecodeString(body.String())
	if err != nil || len(der) == 0 {
		return bad(CodePEMMalformed, detail("base64"))
	}
	return der, nil
}

// cleanPEM is the fast path for the common paste: exactly one well-formed CSR block, with
// nothing but white space around it. Anything else takes the careful path, which also says
// what is wrong.
func cleanPEM(text []byte) ([]byte, bool) {
	trimmed := bytes.TrimSpace(text)
	if !bytes.HasPrefix(trimmed, []byte("-----BEGIN ")) {
		return nil, false
	}
	block, rest := pem.Decode(trimmed)
	if block == nil || !labels[block.Type] || len(block.Headers) > 0 || len(bytes.TrimSpace(rest)) > 0 || len(block.Bytes) == 0 {
		return nil, false
	}
	return block.Bytes, true
}

// isPrivateKey reports a PEM private key anywhere in the paste, whatever its dashes or label.
func isPrivateKey(text []byte) bool {
	for rest := text; ; {
		i := bytes.Index(rest, []byte("PRIVATE KEY"))
		if i < 0 {
			return false
		}
		lineStart := bytes.LastIndexByte(rest[:i], '\n') + 1
		if bytes.Contains(rest[lineStart:i], []byte("BEGIN")) {
			return true
		}
		rest = rest[i+len("PRIVATE KEY"):]
	}
}

// splitLines splits on LF, CRLF or CR and trims each line.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSpace(ln)
	}
	return lines
}

// armor recognises a BEGIN or END line, also with the wrong number of dashes. exact is true
// only for RFC 7468's five dashes on each side and a single space.
func armor(ln string) (kind, label string, exact bool) {
	if !strings.HasPrefix(ln, "---") || !strings.HasSuffix(ln, "---") {
		return "", "", false
	}
	inner := strings.Trim(ln, "-")
	for _, k := range []string{"BEGIN", "END"} {
		if rest, ok := strings.CutPrefix(inner, k+" "); ok {
			label = strings.TrimSpace(rest)
			exact = ln == "-----"+k+" "+label+"-----"
			return k, label, exact
		}
	}
	return "", "", false
}

func labelAt(ln string) string {
	_, label, _ := armor(ln)
	return label
}

func looksBase64(ln string) bool {
	if len(ln) < 16 {
		return false
	}
	for i := 0; i < len(ln); i++ {
		c := ln[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}
